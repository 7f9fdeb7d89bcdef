package dev.sitesync.worker.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.contracts.identity.LinkLookup;
import dev.sitesync.contracts.identity.LinkRequest;
import dev.sitesync.contracts.identity.LinkResult;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.contracts.identity.ResolveRequest;
import dev.sitesync.contracts.identity.ResolveResponse;

/**
 * identity-service's API as this worker calls it, with its client-credentials token. Every call is bounded in time
 * and behind a circuit breaker that opens when most calls find the service unavailable; reads (resolve, get) are
 * retried at once a couple of times, since a restart or a blip is the usual cause. Tuned per method through
 * {@code quarkus.fault-tolerance."dev.sitesync.worker.client.IdentityApi/resolve".*}.
 */
@RegisterRestClient(configKey = "identity-service")
@OidcClientFilter
@RegisterProvider(ServiceResponses.class)
@RegisterProvider(UntracedConnections.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(15_000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5_000, successThreshold = 1, failOn = {
        ServiceUnavailableException.class, TimeoutException.class, ProcessingException.class})
public interface IdentityApi {

    /** Resolve (and assign when asked) looks up only, or assigns once: repeating it changes nothing. */
    @POST
    @Path("/identities/resolve")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<ResolveResponse> resolve(ResolveRequest request, @HeaderParam("traceparent") String traceparent);

    @GET
    @Path("/identities/{externalId}")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<IdentityView> get(@PathParam("externalId") UUID externalId);

    /** A read: retried like the others. */
    @POST
    @Path("/identities/links/lookup")
    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = {ServiceUnavailableException.class, TimeoutException.class,
            ProcessingException.class})
    Uni<List<LinkLookup.Found>> lookup(LinkLookup lookup);

    @PUT
    @Path("/identities/{externalId}/links/{site}")
    Uni<LinkResult> link(@PathParam("externalId") UUID externalId, @PathParam("site") String site, LinkRequest link);

    /** Links answered item by item; a link to another name is refused for that item, not retried. */
    @POST
    @Path("/identities/links")
    Uni<List<LinkBatch.Result>> linkAll(LinkBatch batch);

    @PUT
    @Path("/references/{site}/{doctype}/{name}")
    Uni<ReferenceView> reference(@PathParam("site") String site, @PathParam("doctype") String doctype,
            @PathParam("name") String name, ReferenceRequest state);
}
