package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.StoredDecision;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/order-decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "Every order decision, with the rule set that made it")
public class DecisionResource {

    private final DecisionStore decisions;

    public DecisionResource(DecisionStore decisions) {
        this.decisions = decisions;
    }

    @GET
    @Path("/{decisionId}")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<StoredDecision> get(@PathParam("decisionId") String decisionId) {
        UUID id = DecisionIds.parse("decisionId", decisionId);
        return decisions.find(id).map(found -> found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No decision " + id + "; decisions are made by POST /api/v1/orders/check and POST /api/v1/orders.")));
    }
}
