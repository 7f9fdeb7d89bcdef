package dev.sitesync.worker.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.client.ServiceCallException;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.Backoff;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.domain.Traceparent;
import dev.sitesync.worker.flow.Drain;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SyncLog;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Delivers the outbox: at least once, retried with backoff until the consumer's worker acknowledges, parked after the
 * configured attempts. Each consumer is a lane of its own: its envelopes go in queue order (dependencies first),
 * several per request, and nothing overtakes an envelope waiting for its retry; lanes drain side by side, so a slow or
 * restarting consumer never holds up the others.
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
    private final SyncTraces tracing;
    private final Map<String, Drain> lanes = new ConcurrentHashMap<>();
    // nudges while a scan runs fold into one more scan, so a burst of captures costs at most two queries
    private final Drain scan = new Drain("delivery scan", this::nudgeDueLanes);

    public Deliverer(WorkerConfig config, Outbox outbox, PeerClient peers, SyncLog log, WorkerMetrics metrics,
            SyncTraces tracing) {
        this.config = config;
        this.outbox = outbox;
        this.peers = peers;
        this.log = log;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Scheduled(every = "${sitesync.worker.delivery.interval}")
    void tick() {
        scan.nudge();
    }

    /** Delivers what is due now, instead of at the next tick. */
    public void nudge() {
        scan.nudge();
    }

    /** Wakes the lane of every consumer with a delivery due; the lanes drain themselves, so a scan counts nothing. */
    private Uni<Integer> nudgeDueLanes() {
        return outbox.dueConsumers().invoke(consumers -> consumers.forEach(this::nudge)).replaceWith(0);
    }

    private void nudge(String consumer) {
        lanes.computeIfAbsent(consumer, c -> new Drain("delivery to " + c, () -> deliverHead(c))).nudge();
    }

    private Uni<Integer> deliverHead(String consumer) {
        return outbox.claimHead(consumer, config.delivery().batchSize(), LEASE)
                .flatMap(claimed -> send(consumer, claimed, config.delivery().envelopesPerRequest())
                        .call(sent -> outbox.release(claimed.subList(Math.min(sent + 1, claimed.size()), claimed.size())
                                .stream().map(Outbox.Delivery::id).toList())));
    }

    /**
     * Sends in order, {@code perRequest} at a time, and answers how many went through before the first failure, which
     * is recorded. A request refused as a whole is sent again one envelope at a time, so a single bad envelope is
     * found and parked on its own while the others go through.
     */
    private Uni<Integer> send(String consumer, List<Outbox.Delivery> deliveries, int perRequest) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Outbox.Delivery> chunk = deliveries.subList(0, Math.min(perRequest, deliveries.size()));
        List<Outbox.Delivery> rest = deliveries.subList(chunk.size(), deliveries.size());
        return request(consumer, chunk).onItemOrFailure().transformToUni((receipts, failure) -> {
            if (failure == null) {
                return delivered(chunk, receipts).flatMap(x -> send(consumer, rest, perRequest))
                        .map(sent -> chunk.size() + sent);
            }
            if (chunk.size() > 1) {
                return send(consumer, chunk, 1).flatMap(sent -> sent < chunk.size()
                        ? Uni.createFrom().item(sent)
                        : send(consumer, rest, perRequest).map(more -> sent + more));
            }
            return failed(chunk.get(0), failure).replaceWith(0);
        });
    }

    /** One envelope goes to {@code /envelopes}, which a consumer still on an older version answers too. */
    private Uni<List<EnvelopeReceipt>> request(String consumer, List<Outbox.Delivery> chunk) {
        Span span = tracing.startBatch("deliver", SpanKind.CLIENT, chunk.stream().map(Deliverer::traceparent).toList())
                .setAttribute(SyncTraces.SITE, config.site()).setAttribute("sitesync.consumer", consumer);
        String traceparent = SyncTraces.traceparent(span);
        return SyncTraces.endWith(span, chunk.size() == 1
                ? peers.deliver(consumer, chunk.get(0).envelope().getMap(), traceparent).map(List::of)
                : peers.deliverAll(consumer, chunk.stream().map(d -> d.envelope().getMap()).toList(), traceparent));
    }

    private static String traceparent(Outbox.Delivery delivery) {
        return delivery.envelope().getString("traceparent");
    }

    private Uni<Void> delivered(List<Outbox.Delivery> chunk, List<EnvelopeReceipt> receipts) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Outbox.Delivery delivery = chunk.get(i);
            boolean duplicate = i < receipts.size() && receipts.get(i).duplicate();
            entries.add(entry(delivery, SyncStatus.DELIVERED, delivery.attempts() + 1,
                    duplicate ? "already in the consumer's inbox" : null));
            metrics.delivery(delivery.consumer(), "delivered");
        }
        return outbox.delivered(chunk.stream().map(Outbox.Delivery::id).toList()).flatMap(x -> log.append(entries));
    }

    private Uni<Void> failed(Outbox.Delivery delivery, Throwable failure) {
        int attempts = delivery.attempts() + 1;
        // a refusal the consumer will repeat (a bad envelope, a missing role) waits for an operator at once
        boolean park = attempts >= config.delivery().maxAttempts()
                || failure instanceof ServiceCallException call && !call.retryable();
        metrics.retry("delivery", delivery.consumer(), delivery.envelope().getString("doctype"));
        metrics.delivery(delivery.consumer(), park ? "parked" : "failed");
        SyncTraces.logFor(UUID.fromString(delivery.envelope().getString("externalId")),
                Traceparent.traceId(traceparent(delivery)), () -> LOG.warnf("Delivery %d to %s failed (attempt %d%s): %s",
                        delivery.id(), delivery.consumer(), attempts, park ? ", parked" : "", failure.getMessage()));
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
                envelope.getString("version"), envelope.getString("contentHash"), status, attempt, detail)
                .inTrace(traceparent(delivery));
    }
}
