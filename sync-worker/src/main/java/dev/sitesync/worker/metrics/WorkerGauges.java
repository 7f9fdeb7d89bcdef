package dev.sitesync.worker.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.SyncOverview;

/**
 * Gauges read from the queues every few seconds (a scrape never waits on the database): lag per peer and doctype in
 * both directions, outbox depth per consumer, inbox depth by task status, and open dead letters and conflicts per
 * doctype. A series seen once stays at 0 when its queue empties, rather than disappearing from dashboards.
 */
@ApplicationScoped
public class WorkerGauges {

    private static final Logger LOG = Logger.getLogger(WorkerGauges.class);
    private static final List<String> TASK_STATES = List.of("READY", "WAITING");

    private final WorkerConfig config;
    private final SyncOverview overview;
    private final MultiGauge lag;
    private final MultiGauge outboxDepth;
    private final MultiGauge outboxParked;
    private final MultiGauge inboxDepth;
    private final MultiGauge deadLetters;
    private final MultiGauge conflicts;
    private final Set<Tags> lagSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> doctypesSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> peersSeen = ConcurrentHashMap.newKeySet();

    public WorkerGauges(WorkerConfig config, SyncOverview overview, MeterRegistry registry) {
        this.config = config;
        this.overview = overview;
        this.lag = MultiGauge.builder("sitesync.worker.lag").baseUnit("seconds")
                .description("Age of the oldest change not yet delivered (outbound) or applied (inbound), 0 when none")
                .register(registry);
        this.outboxDepth = MultiGauge.builder("sitesync.worker.outbox.depth")
                .description("Envelopes waiting for a consumer's acknowledgement").register(registry);
        this.outboxParked = MultiGauge.builder("sitesync.worker.outbox.parked")
                .description("Deliveries parked after their attempts, waiting for an operator").register(registry);
        this.inboxDepth = MultiGauge.builder("sitesync.worker.inbox.depth")
                .description("Apply tasks not done yet, by status").register(registry);
        this.deadLetters = MultiGauge.builder("sitesync.worker.dead.letters.open")
                .description("Dead letters not retried or discarded yet (conflicts apart)").register(registry);
        this.conflicts = MultiGauge.builder("sitesync.worker.conflicts.open")
                .description("CONCURRENT_UPDATE conflicts not retried or discarded yet").register(registry);
        config.peers().keySet().stream().filter(peer -> !peer.equals(config.site())).forEach(peersSeen::add);
    }

    @Scheduled(every = "${sitesync.worker.metrics.interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return overview.outbound().flatMap(outbound -> overview.inbound().flatMap(inbound -> overview.deadOpen()
                .invoke(dead -> publish(outbound, inbound, dead))))
                .onFailure().invoke(e -> LOG.warnf("Worker gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void publish(List<SyncOverview.Outbound> outbound, List<SyncOverview.Inbound> inbound,
            List<SyncOverview.DeadOpen> dead) {
        Map<Tags, Double> lags = new HashMap<>();
        Map<String, Double> pending = new HashMap<>();
        Map<String, Double> parked = new HashMap<>();
        for (SyncOverview.Outbound open : outbound) {
            lags.merge(Tags.of("direction", "outbound", "peer", open.peer(), "doctype", open.doctype()),
                    open.lagSeconds(), Math::max);
            pending.merge(open.peer(), (double) open.pending(), Double::sum);
            parked.merge(open.peer(), (double) open.parked(), Double::sum);
        }
        Map<String, Double> tasks = new HashMap<>();
        for (SyncOverview.Inbound task : inbound) {
            lags.merge(Tags.of("direction", "inbound", "peer", task.peer(), "doctype", task.doctype()),
                    task.lagSeconds(), Math::max);
            tasks.merge(task.status(), (double) task.tasks(), Double::sum);
        }
        Map<String, Double> deadByDoctype = new HashMap<>();
        Map<String, Double> conflictsByDoctype = new HashMap<>();
        for (SyncOverview.DeadOpen open : dead) {
            deadByDoctype.put(open.doctype(), (double) open.deadLetters());
            conflictsByDoctype.put(open.doctype(), (double) open.conflicts());
        }
        lagSeen.addAll(lags.keySet());
        peersSeen.addAll(pending.keySet());
        doctypesSeen.addAll(deadByDoctype.keySet());

        lag.register(rows(lagSeen, tags -> tags, lags), true);
        outboxDepth.register(rows(peersSeen, peer -> Tags.of("peer", peer), pending), true);
        outboxParked.register(rows(peersSeen, peer -> Tags.of("peer", peer), parked), true);
        inboxDepth.register(rows(TASK_STATES, status -> Tags.of("status", status), tasks), true);
        deadLetters.register(rows(doctypesSeen, doctype -> Tags.of("doctype", doctype), deadByDoctype), true);
        conflicts.register(rows(doctypesSeen, doctype -> Tags.of("doctype", doctype), conflictsByDoctype), true);
    }

    private static <K> List<MultiGauge.Row<?>> rows(Iterable<K> keys, java.util.function.Function<K, Tags> tags,
            Map<K, Double> values) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (K key : keys) {
            rows.add(MultiGauge.Row.of(tags.apply(key), values.getOrDefault(key, 0.0)));
        }
        return rows;
    }
}
