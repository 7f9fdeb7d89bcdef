package dev.sitesync.worker.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.worker.config.WorkerConfig;

/** The consumer sites' workers, each reached at its own inbox. */
@ApplicationScoped
public class PeerClient {

    private final ServiceCalls calls;
    private final WorkerConfig config;

    public PeerClient(ServiceCalls calls, WorkerConfig config) {
        this.calls = calls;
        this.config = config;
    }

    public Uni<EnvelopeReceipt> deliver(String consumer, Object envelope) {
        String url = config.peers().get(consumer);
        if (url == null) {
            return Uni.createFrom().failure(new ServiceCallException("No worker URL configured for site '" + consumer
                    + "'; set SITESYNC_WORKER_PEERS_" + consumer.toUpperCase().replace('-', '_'), 0));
        }
        return calls.call(HttpMethod.POST, url + "/internal/v1/envelopes", envelope, EnvelopeReceipt.class);
    }
}
