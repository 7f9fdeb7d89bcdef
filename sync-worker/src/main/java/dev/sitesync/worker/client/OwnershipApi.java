package dev.sitesync.worker.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.contracts.ownership.DecisionBatch;
import dev.sitesync.contracts.ownership.DecisionResponse;

/**
 * ownership-service's API as this worker calls it, guarded as {@link IdentityApi} is: bounded in time, behind a
 * circuit breaker, and its reads (the policy, decisions) retried at once a couple of times.
 */
@RegisterRestClient(configKey = "ownership-service")
@OidcClientFilter
@RegisterProvider(ServiceResponses.class)
@RegisterProvider(UntracedConnections.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(15_000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5_000, successThreshold = 1, failOn = {
        ServiceUnavailableException.class, TimeoutException.class, ProcessingException.class})
public interface OwnershipApi {

    @GET
    @Path("/policy")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<JsonNode> policy();

    /** Deciding changes nothing on the service, so it is retried as a read. */
    @POST
    @Path("/decisions")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<DecisionResponse> decide(DecisionBatch batch, @HeaderParam("traceparent") String traceparent);

    @PUT
    @Path("/sites/{site}/onboarding")
    Uni<JsonNode> reportOnboarding(@PathParam("site") String site, Object report);

    @GET
    @Path("/sites/{site}/audit-anchors/latest")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<AuditAnchor> latestAnchor(@PathParam("site") String site);

    @GET
    @Path("/sites/{site}/audit-anchors")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<AuditAnchor.Page> anchorsAfter(@PathParam("site") String site, @QueryParam("after") long afterId,
            @QueryParam("limit") int limit);

    /** The same head anchored twice is accepted as it was, so a lost answer is simply asked again. */
    @POST
    @Path("/sites/{site}/audit-anchors")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<AuditAnchor> anchor(@PathParam("site") String site, AnchorRequest head);
}
