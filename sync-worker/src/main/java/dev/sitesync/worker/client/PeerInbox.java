package dev.sitesync.worker.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.EnvelopeReceipt;

/**
 * A consumer site's worker inbox, at the base URL of that worker ({@code @Url}), with this worker's token. No retries
 * here: delivery retries from its outbox, in lane order.
 */
@RegisterRestClient(configKey = "peer-inbox")
@OidcClientFilter
@RegisterProvider(ServiceResponses.class)
@RegisterProvider(UntracedConnections.class)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PeerInbox {

    @POST
    @Path("/envelopes")
    Uni<EnvelopeReceipt> deliver(@Url String worker, Object envelope, @HeaderParam("traceparent") String traceparent);

    @POST
    @Path("/resend")
    Uni<Void> requestResend(@Url String worker, PeerClient.ResendRequest request);

    @POST
    @Path("/reconciliations")
    Uni<Void> requestReconciliation(@Url String worker, PeerClient.ReconciliationRequest request);

    @POST
    @Path("/manifests")
    Uni<Manifest.Page> manifest(@Url String worker, Manifest.Request request);

    @POST
    @Path("/envelope-batches")
    Uni<List<EnvelopeReceipt>> deliverAll(@Url String worker, List<Object> envelopes,
            @HeaderParam("traceparent") String traceparent);
}
