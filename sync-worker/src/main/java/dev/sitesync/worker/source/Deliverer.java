package dev.sitesync.worker.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.Backoff;
import dev.sitesync.worker.domain.Drain;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SyncLog;

/**
 * Delivers the outbox: at least once, retried with backoff until the consumer's worker acknowledges, parked after the
 * configured attempts. Each consumer's envelopes go one after another in queue order (dependencies first); different
 * consumers are served side by side, so one slow site never holds up the others.
 */
@ApplicationScoped
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final WorkerConfig config;
    private final Outbox outbox;
    private final PeerClient peers;
    private final SyncLog log;
    private final WorkerMetrics metrics;
    private final Drain drain = new Drain("delivery", this::deliverDue);

    public Deliverer(WorkerConfig config, Outbox outbox, PeerClient peers, SyncLog log, WorkerMetrics metrics) {
        this.config = config;
        this.outbox = outbox;
        this.peers = peers;
        this.log = log;
        this.metrics = metrics;
    }

    @Scheduled(every = "${sitesync.worker.delivery.interval:1s}")
    void tick() {
        drain.nudge();
    }

    /** Delivers what is due now, instead of at the next tick. */
    public void nudge() {
        drain.nudge();
    }

    private Uni<Integer> deliverDue() {
        return outbox.claimDue(config.delivery().batchSize(), LEASE).flatMap(due -> {
            Map<String, List<Outbox.Delivery>> byConsumer = new LinkedHashMap<>();
            due.forEach(d -> byConsumer.computeIfAbsent(d.consumer(), c -> new ArrayList<>()).add(d));
            return Multi.createFrom().iterable(byConsumer.values())
                    .onItem().transformToUni(deliveries -> Multi.createFrom().iterable(deliveries)
                            .onItem().transformToUniAndConcatenate(this::deliver).collect().last())
                    .merge(8).collect().last().replaceWith(due.size());
        });
    }

    private Uni<Void> deliver(Outbox.Delivery delivery) {
        return peers.deliver(delivery.consumer(), delivery.envelope().getMap())
                .flatMap(receipt -> outbox.delivered(delivery.id())
                        .flatMap(x -> log.append(entry(delivery, SyncStatus.DELIVERED, delivery.attempts() + 1,
                                receipt.duplicate() ? "already in the consumer's inbox" : null))))
                .invoke(() -> metrics.delivery(delivery.consumer(), "delivered"))
                .onFailure().recoverWithUni(failure -> failed(delivery, failure));
    }

    private Uni<Void> failed(Outbox.Delivery delivery, Throwable failure) {
        int attempts = delivery.attempts() + 1;
        boolean park = attempts >= config.delivery().maxAttempts();
        metrics.retry("delivery", delivery.consumer(), delivery.envelope().getString("doctype"));
        metrics.delivery(delivery.consumer(), park ? "parked" : "failed");
        LOG.warnf("Delivery %d to %s failed (attempt %d%s): %s", delivery.id(), delivery.consumer(), attempts,
                park ? ", parked" : "", failure.getMessage());
        Uni<Void> recorded = outbox.failed(delivery.id(),
                Backoff.delay(attempts, config.delivery().firstBackoff(), config.delivery().maxBackoff()), park,
                failure.getMessage());
        return park
                ? recorded.flatMap(x -> log.append(entry(delivery, SyncStatus.DELIVERY_PARKED, attempts,
                        failure.getMessage())))
                : recorded;
    }

    private AuditEntry entry(Outbox.Delivery delivery, SyncStatus status, int attempt, String detail) {
        JsonObject envelope = delivery.envelope();
        return new AuditEntry(Instant.now(), UUID.fromString(envelope.getString("externalId")), config.site(),
                delivery.consumer(), envelope.getString("doctype"), envelope.getString("sourceName"),
                envelope.getString("version"), envelope.getString("contentHash"), status, attempt, detail);
    }
}
