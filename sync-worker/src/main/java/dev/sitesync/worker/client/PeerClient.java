package dev.sitesync.worker.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.worker.config.WorkerConfig;

/** The consumer sites' workers, each reached at its own inbox. */
@ApplicationScoped
public class PeerClient {

    private static final JavaType RECEIPTS = TypeFactory.defaultInstance().constructCollectionType(List.class,
            EnvelopeReceipt.class);

    private final ServiceCalls calls;
    private final WorkerConfig config;

    public PeerClient(ServiceCalls calls, WorkerConfig config) {
        this.calls = calls;
        this.config = config;
    }

    public Uni<EnvelopeReceipt> deliver(String consumer, Object envelope, String traceparent) {
        return inbox(consumer).flatMap(url -> calls.call(HttpMethod.POST, url + "/envelopes", envelope,
                EnvelopeReceipt.class, traceparent));
    }

    /** Delivers envelopes in one request, committed together by the consumer in their order. */
    public Uni<List<EnvelopeReceipt>> deliverAll(String consumer, List<?> envelopes, String traceparent) {
        return inbox(consumer).flatMap(url -> calls.call(HttpMethod.POST, url + "/envelope-batches", envelopes,
                RECEIPTS, traceparent));
    }

    /**
     * Asks a document's source worker to send it to this site again: this site waited too long for it. Answered once
     * the source has queued its capture.
     */
    public Uni<Void> requestResend(String source, java.util.UUID externalId) {
        return inbox(source).flatMap(url -> calls.call(HttpMethod.POST, url + "/resend",
                new ResendRequest(externalId, config.site()), Void.class));
    }

    /** What a consumer asks its source to send again. */
    public record ResendRequest(java.util.UUID externalId, String consumer) {
    }

    private Uni<String> inbox(String consumer) {
        return config.peerUrlOf(consumer).map(url -> Uni.createFrom().item(url + "/internal/v1"))
                .orElseGet(() -> Uni.createFrom().failure(new ServiceCallException("No worker URL configured for site '"
                        + consumer + "'; set SITESYNC_WORKER_PEER_URL (with {site}) or SITESYNC_WORKER_PEERS_"
                        + consumer.toUpperCase().replace('-', '_'), 0)));
    }
}
