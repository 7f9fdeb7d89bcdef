package dev.sitesync.worker.client;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.worker.config.WorkerConfig;

/** The consumer sites' workers, each reached at its own inbox. */
@ApplicationScoped
public class PeerClient {

    private final PeerInbox inbox;
    private final WorkerConfig config;

    public PeerClient(@RestClient PeerInbox inbox, WorkerConfig config) {
        this.inbox = inbox;
        this.config = config;
    }

    public Uni<EnvelopeReceipt> deliver(String consumer, Object envelope, String traceparent) {
        return call(consumer, "envelope", worker -> inbox.deliver(worker, envelope, traceparent));
    }

    /** Delivers envelopes in one request, committed together by the consumer in their order. */
    public Uni<List<EnvelopeReceipt>> deliverAll(String consumer, List<?> envelopes, String traceparent) {
        return call(consumer, "envelope batch", worker -> inbox.deliverAll(worker, List.copyOf(envelopes), traceparent));
    }

    /**
     * Asks a document's source worker to send it to this site again: this site waited too long for it. Answered once
     * the source has queued its capture.
     */
    public Uni<Void> requestResend(String source, UUID externalId) {
        return call(source, "resend request", worker -> inbox.requestResend(worker,
                new ResendRequest(externalId, config.site())));
    }

    /** A page of the owner's documents as this site should hold them, for a reconciliation. */
    public Uni<Manifest.Page> manifest(String owner, String doctype, String after, String namePrefix, int limit) {
        return call(owner, "manifest request", worker -> inbox.manifest(worker,
                new Manifest.Request(config.site(), doctype, after, namePrefix, limit)));
    }

    /**
     * Asks a consumer's worker to reconcile the doctype with this site and repair what differs: the consumer's part
     * of a full sync, which compares with what it holds, not with what was sent.
     */
    public Uni<Void> requestReconciliation(String consumer, String doctype) {
        return call(consumer, "reconciliation request", worker -> inbox.requestReconciliation(worker,
                new ReconciliationRequest(doctype)));
    }

    /** What an owner's full sync asks of a consumer. */
    public record ReconciliationRequest(String doctype) {
    }

    /** What a consumer asks its source to send again. */
    public record ResendRequest(UUID externalId, String consumer) {
    }

    private <T> Uni<T> call(String consumer, String what, Function<String, Uni<T>> request) {
        return config.peerUrlOf(consumer)
                .map(worker -> request.apply(worker).onFailure()
                        .transform(e -> ServiceCallException.of(what + " to " + consumer + "'s worker", e)))
                .orElseGet(() -> Uni.createFrom().failure(new ServiceCallException("No worker URL configured for site '"
                        + consumer + "'; set SITESYNC_WORKER_PEER_URL (with {site}) or SITESYNC_WORKER_PEERS_"
                        + consumer.toUpperCase().replace('-', '_'), 0)));
    }
}
