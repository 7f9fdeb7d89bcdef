package dev.sitesync.console.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import io.smallrye.mutiny.Uni;

/** ownership-service's policy API, called with the signed-in person's own token. */
@AccessToken
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public interface OwnershipApi {

    @GET
    Uni<PolicyRevision> current();

    /** Every revision, newest first, with its diff but without its document. */
    @GET
    @Path("/revisions")
    Uni<List<PolicyRevision>> revisions();

    @GET
    @Path("/revisions/{version}")
    Uni<PolicyRevision> revision(@PathParam("version") int version);
}
