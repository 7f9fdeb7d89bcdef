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
import dev.sitesync.contracts.sync.Traceparent;
import dev.sitesync.support.flow.Drain;
import dev.sitesync.worker.circuit.TargetCircuits;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.client.ServiceCallException;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ApplyFailurePolicy;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.Circuit;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Delivers the outbox: at least once, until the consumer's worker acknowledges; a worker that is away is waited for
 * (its circuit holds the lane), an envelope it refuses is parked for an operator. Each consumer is a lane of its own: its envelopes go in queue order (dependencies first),
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
    private final TargetCircuits circuits;
    private final WorkerMetrics metrics;
    private final SyncTraces tracing;
    private final Map<String, Drain> lanes = new ConcurrentHashMap<>();
    // nudges while a scan runs fold into one more scan, so a burst of captures costs at most two queries
    private final Drain scan = new Drain("delivery scan", this::nudgeDueLanes);

    public Deliverer(WorkerConfig config, Outbox outbox, PeerClient peers, TargetCircuits circuits,
            WorkerMetrics metrics, SyncTraces tracing) {
        this.config = config;
        this.outbox = outbox;
        this.peers = peers;
        this.circuits = circuits;
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

    /**
     * Delivers the head of a consumer's lane while the circuit to its worker is closed; while it is open, the lane
     * waits (in order, spending nothing) and one probe of all replicas finds out when the worker is back.
     */
    private Uni<Integer> deliverHead(String consumer) {
        String target = TargetCircuits.peer(consumer);
        return circuits.permit(target, LEASE).flatMap(permit -> {
            if (permit == TargetCircuits.Permit.WAIT) {
                return Uni.createFrom().item(0);
            }
            int limit = permit == TargetCircuits.Permit.PROBE ? 1 : config.delivery().batchSize();
            return outbox.claimHead(consumer, limit, LEASE)
                    .flatMap(claimed -> send(consumer, claimed, config.delivery().envelopesPerRequest())
                            .call(sent -> outbox.release(claimed.subList(Math.min(sent + 1, claimed.size()),
                                    claimed.size()).stream().map(Outbox.Delivery::id).toList())));
        });
    }

    /**
     * Sends in order, {@code perRequest} at a time, and answers how many went through before the first failure, which
     * is recorded. A request the consumer refuses as a whole is sent again one envelope at a time, so a single bad
     * envelope is found and parked on its own while the others go through; a consumer that does not answer opens its
     * circuit and the lane waits.
     */
    private Uni<Integer> send(String consumer, List<Outbox.Delivery> deliveries, int perRequest) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Outbox.Delivery> chunk = deliveries.subList(0, Math.min(perRequest, deliveries.size()));
        List<Outbox.Delivery> rest = deliveries.subList(chunk.size(), deliveries.size());
        return request(consumer, chunk).onItemOrFailure().transformToUni((receipts, failure) -> {
            if (failure == null) {
                return circuits.succeeded(TargetCircuits.peer(consumer)).flatMap(x -> delivered(chunk, receipts))
                        .flatMap(x -> send(consumer, rest, perRequest)).map(sent -> chunk.size() + sent);
            }
            if (unavailable(failure)) {
                return unanswered(consumer, chunk.get(0), failure).replaceWith(0);
            }
            if (chunk.size() > 1) {
                return send(consumer, chunk, 1).flatMap(sent -> sent < chunk.size()
                        ? Uni.createFrom().item(sent)
                        : send(consumer, rest, perRequest).map(more -> sent + more));
            }
            return refused(chunk.get(0), failure).replaceWith(0);
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
        return outbox.delivered(chunk.stream().map(Outbox.Delivery::id).toList(), entries);
    }

    /** No answer, a 5xx or a 429: the consumer's worker is away or busy, not refusing this envelope. */
    private static boolean unavailable(Throwable failure) {
        return !(failure instanceof ServiceCallException call) || call.retryable();
    }

    /**
     * The consumer's worker did not take the lane's head: the circuit to it hears of it, and the head is due again
     * soon (the circuit decides when calls go out). Only a head failing longer than the retry age is parked.
     */
    private Uni<Void> unanswered(String consumer, Outbox.Delivery delivery, Throwable failure) {
        int attempts = delivery.attempts() + 1;
        metrics.retry("delivery", consumer, delivery.envelope().getString("doctype"));
        metrics.delivery(consumer, "failed");
        Circuit.Failure kind = failure instanceof ServiceCallException call && call.status() == 429
                ? Circuit.Failure.RATE_LIMITED
                : Circuit.Failure.UNAVAILABLE;
        Duration failingFor = delivery.failingSince() == null
                ? Duration.ZERO
                : Duration.between(delivery.failingSince().toInstant(), Instant.now());
        Uni<Void> circuit = circuits.failed(TargetCircuits.peer(consumer), kind, null, failure.getMessage());
        if (failingFor.compareTo(config.retry().maxAge()) > 0) {
            metrics.parked("delivery", ApplyFailurePolicy.RETRY_AGE_EXCEEDED, delivery.envelope().getString("doctype"));
            String detail = "parked after failing for " + failingFor.toHours() + " h (the retry age is "
                    + config.retry().maxAge().toHours() + " h): " + failure.getMessage();
            return circuit.flatMap(x -> park(delivery, attempts, detail));
        }
        return circuit.flatMap(x -> outbox.failed(delivery.id(), config.delivery().firstBackoff(), failure.getMessage()));
    }

    /** The consumer refused the envelope as it would again (a 4xx): an operator decides, and later ones wait. */
    private Uni<Void> refused(Outbox.Delivery delivery, Throwable failure) {
        metrics.delivery(delivery.consumer(), "parked");
        metrics.parked("delivery", "REFUSED", delivery.envelope().getString("doctype"));
        // the consumer's worker answered: it takes calls, whatever its circuit thought
        return circuits.succeeded(TargetCircuits.peer(delivery.consumer())).flatMap(x -> park(delivery,
                delivery.attempts() + 1, "refused by " + delivery.consumer() + ": " + failure.getMessage()));
    }

    private Uni<Void> park(Outbox.Delivery delivery, int attempts, String detail) {
        SyncTraces.logFor(UUID.fromString(delivery.envelope().getString("externalId")),
                Traceparent.traceId(traceparent(delivery)), () -> LOG.warnf("Delivery %d to %s parked for an operator "
                        + "(attempt %d): %s", delivery.id(), delivery.consumer(), attempts, detail));
        return outbox.park(delivery.id(), detail, entry(delivery, SyncStatus.DELIVERY_PARKED, attempts, detail));
    }

    private AuditEntry entry(Outbox.Delivery delivery, SyncStatus status, int attempt, String detail) {
        JsonObject envelope = delivery.envelope();
        return new AuditEntry(Instant.now(), UUID.fromString(envelope.getString("externalId")), config.site(),
                delivery.consumer(), envelope.getString("doctype"), envelope.getString("sourceName"),
                envelope.getString("version"), envelope.getString("contentHash"), status, attempt, detail)
                .inTrace(traceparent(delivery));
    }
}
