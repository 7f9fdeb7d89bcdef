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

/**
 * A site's sync-worker ops API ({@code /ops/v1}), called with the signed-in person's own token: the worker decides what
 * that person may see and do. Built per site by {@link ServiceClients}.
 */
@AccessToken
@Path("/ops/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface WorkerApi {

    @GET
    @Path("/status")
    Uni<WorkerStatus> status();

    @GET
    @Path("/dead-letters")
    Uni<Page<DeadLetter>> deadLetters(@QueryParam("doctype") String doctype, @QueryParam("state") String state,
            @QueryParam("before") Long before, @QueryParam("limit") int limit);

    @POST
    @Path("/dead-letters/{id}/{action}")
    Uni<DeadLetter> decideDeadLetter(@PathParam("id") long id, @PathParam("action") String action,
            OperatorAction reason);

    @POST
    @Path("/dead-letters/{action}")
    Uni<BulkAction.Result> decideDeadLetters(@PathParam("action") String action, BulkAction bulk);

    @GET
    @Path("/parked-deliveries")
    Uni<Page<ParkedDelivery>> parkedDeliveries(@QueryParam("doctype") String doctype, @QueryParam("peer") String peer,
            @QueryParam("before") Long before, @QueryParam("limit") int limit);

    @POST
    @Path("/parked-deliveries/{id}/{action}")
    Uni<ParkedDelivery> decideParkedDelivery(@PathParam("id") long id, @PathParam("action") String action,
            OperatorAction reason);

    @POST
    @Path("/parked-deliveries/{action}")
    Uni<BulkAction.Result> decideParkedDeliveries(@PathParam("action") String action, BulkAction bulk);

    /** The whole chain walked ({@code from} null), or only what followed the newest anchored head ({@code latest}). */
    @GET
    @Path("/audit/verify")
    Uni<AuditVerification> verifyAudit(@QueryParam("from") String from);

    /** The auditor's search over the sync log, newest first; {@code next} is the following page's {@code before}. */
    @GET
    @Path("/audit/entries")
    Uni<Page<AuditEntry>> auditEntries(@QueryParam("externalId") String externalId, @QueryParam("site") String site,
            @QueryParam("doctype") String doctype, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") Long before,
            @QueryParam("limit") int limit);

    /** Conflicts of one status (OPEN, ACCEPTED_SOURCE, KEPT_TARGET, ALL), both versions side by side. */
    @GET
    @Path("/conflicts")
    Uni<Page<ConflictView>> conflicts(@QueryParam("doctype") String doctype, @QueryParam("status") String status,
            @QueryParam("limit") int limit);

    @POST
    @Path("/conflicts/{id}/resolve")
    Uni<ConflictView> resolveConflict(@PathParam("id") long id, Resolution resolution);

    @POST
    @Path("/conflicts/resolve")
    Uni<BulkAction.Result> resolveConflicts(BulkResolution resolution);

    /** {@code accept-source} (the owner's version is written) or {@code keep-target}, and why. */
    record Resolution(String resolution, String reason) {
    }

    /** The same resolution for every open conflict the filter selects. */
    record BulkResolution(String resolution, String reason, BulkAction.Filter filter) {
    }

    /** The go-live checklist of the worker's site (sync-worker issue 15); a worker without it answers 404. */
    @GET
    @Path("/readiness")
    Uni<JsonNode> readiness();

    /** The latest reconciliation reports (sync-worker issue 15); a worker without them answers 404. */
    @GET
    @Path("/reconciliations")
    Uni<JsonNode> reconciliations();
}
