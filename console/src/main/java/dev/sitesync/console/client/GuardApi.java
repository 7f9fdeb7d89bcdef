package dev.sitesync.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import io.smallrye.mutiny.Uni;

/** commerce-guard's review queue (issue 17), called with the signed-in person's own token. */
@AccessToken
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GuardApi {

    /** Orders waiting for a decision, longest waiting first. */
    @GET
    Uni<ReviewPage> waiting(@QueryParam("site") String site, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    /** A held order with the decision that held it: its findings and their evidence. */
    @GET
    @Path("/{decisionId}")
    Uni<JsonNode> open(@PathParam("decisionId") String decisionId);

    @POST
    @Path("/{decisionId}/{outcome}")
    Uni<HeldOrder> decide(@PathParam("decisionId") String decisionId, @PathParam("outcome") String outcome,
            ReviewComment comment);

    /** Why the reviewer decides as they do: required, kept with the decision for good. */
    record ReviewComment(String comment) {
    }
}
