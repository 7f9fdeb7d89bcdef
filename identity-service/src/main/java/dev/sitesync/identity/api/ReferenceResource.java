package dev.sitesync.identity.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.identity.domain.DocumentKey;
import dev.sitesync.identity.store.DocReference;
import dev.sitesync.identity.store.ReferenceStore;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/references")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "references", description = "REFERENCE_ONLY documents: registered with their state, never copied")
public class ReferenceResource {

    private final ReferenceStore store;

    public ReferenceResource(ReferenceStore store) {
        this.store = store;
    }

    /** Registers or updates the reference; the document gets an external ID on first sight. */
    @PUT
    @Path("/{site}/{doctype}/{name: .+}")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN})
    @WithSession
    public Uni<Response> upsert(@PathParam("site") @SiteCode String site,
            @PathParam("doctype") @DocTypeName String doctype, @PathParam("name") @LocalName String name,
            @NotNull @Valid ReferenceRequest request) {
        return store.upsert(new DocumentKey(site, doctype, name), request)
                .flatMap(upserted -> find(upserted.externalId())
                        .map(view -> Response.status(upserted.created() ? 201 : 200).entity(view).build()));
    }

    @GET
    @Path("/{externalId}")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN, SRE, AUDITOR})
    @WithSession
    public Uni<ReferenceView> get(@PathParam("externalId") String externalId) {
        return find(ExternalIdParam.parse(externalId));
    }

    private static Uni<ReferenceView> find(UUID externalId) {
        return DocReference.<DocReference>findById(externalId).map(reference -> {
            if (reference == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No reference registered for external ID " + externalId
                        + "; references are registered with PUT /api/v1/references/{site}/{doctype}/{name}.");
            }
            return reference.toView();
        });
    }
}
