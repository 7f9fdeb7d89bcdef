package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.schema.SchemaWatch;
import dev.sitesync.worker.store.SchemaStates;
import dev.sitesync.worker.store.SchemaStates.Cause;

/**
 * Schema drift on this site: per doctype it receives, whether its meta still takes what the owners send
 * ({@code COMPATIBLE}) or the doctype is parked ({@code MISMATCH}) with the differences spelled out; its recorded
 * changes; a check now; and an operator's resume, with a reason.
 */
@Path("/ops/v1/schema")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class SchemaResource {

    private final SchemaWatch watch;
    private final SchemaStates states;
    private final SecurityIdentity caller;

    public SchemaResource(SchemaWatch watch, SchemaStates states, SecurityIdentity caller) {
        this.watch = watch;
        this.states = states;
        this.caller = caller;
    }

    /** One doctype's schema as an operator reads it (its baseline's fields stay in the worker). */
    public record View(String doctype, String status, String baselineHash, String currentHash, JsonNode differences,
            OffsetDateTime checkedAt, OffsetDateTime mismatchSince) {

        static View of(SchemaStates.State state) {
            return new View(state.doctype(), state.mismatched() ? "SCHEMA_MISMATCH" : state.status(),
                    state.baselineHash(), state.currentHash(), state.differences(), state.checkedAt(),
                    state.mismatchSince());
        }
    }

    /**
     * An operator's resume. {@code acceptCurrent} takes the site's meta as it is for the new baseline even when it
     * cannot keep what is sent (the values it cannot keep are then lost on this site): for a change made on purpose.
     */
    public record Resume(@NotBlank @Size(max = 1000) String reason, boolean acceptCurrent) {
    }

    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<List<View>> list() {
        return states.all().map(all -> all.stream().map(View::of).toList());
    }

    @GET
    @Path("/{doctype}/changes")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<List<SchemaStates.Change>> changes(@PathParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return states.history(doctype, limit);
    }

    /** Reads every received doctype's meta now, rather than at the next scheduled check. */
    @POST
    @Path("/check")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<List<View>> checkNow() {
        // the scheduled check, sooner: it records what moved, not who asked
        return watch.checkAll(Cause.SCHEDULE)
                .map(all -> all.stream().map(View::of).toList());
    }

    @POST
    @Path("/{doctype}/resume")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<View> resume(@PathParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @NotNull @Valid Resume resume) {
        Cause cause = Cause.operator(Operators.actor(caller), resume.reason().strip());
        return watch.resume(doctype, resume.acceptCurrent(), cause).map(found -> {
            SchemaWatch.Resumption resumption = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                    "This site has no schema recorded for " + doctype + ": it is not a doctype the site receives, "
                            + "or the site was not onboarded yet (POST /ops/v1/onboard)."));
            if (!resumption.resumed()) {
                throw new ProblemException(ProblemType.SCHEMA_MISMATCH, doctype + " stays parked: "
                        + resumption.drift().describe() + ". Restore the field on the site and resume again, or "
                        + "resume with acceptCurrent: true if the change is meant (what the site cannot keep is "
                        + "then lost on this site).");
            }
            return View.of(resumption.state());
        });
    }
}
