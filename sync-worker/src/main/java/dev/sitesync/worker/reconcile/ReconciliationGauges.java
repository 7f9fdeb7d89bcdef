package dev.sitesync.worker.reconcile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

import dev.sitesync.worker.store.Reconciliations;
import dev.sitesync.worker.store.Reconciliations.Run;

/**
 * What the newest full reconciliation of each owner and doctype found, as gauges:
 * {@code sitesync_worker_reconciliation_drift{source,doctype,kind}} (missing, stale, extra, duplicated) and
 * {@code sitesync_worker_reconciliation_last_run_timestamp_seconds{source,doctype}}. Read from the store at start, so
 * a restart keeps showing the last findings.
 */
@ApplicationScoped
public class ReconciliationGauges {

    private final Reconciliations store;
    private final MultiGauge drift;
    private final MultiGauge lastRun;
    private final Map<String, Run> newest = new ConcurrentHashMap<>();

    public ReconciliationGauges(Reconciliations store, MeterRegistry registry) {
        this.store = store;
        this.drift = MultiGauge.builder("sitesync.worker.reconciliation.drift")
                .description("Differences the newest reconciliation found, by kind").register(registry);
        this.lastRun = MultiGauge.builder("sitesync.worker.reconciliation.last.run").baseUnit("timestamp_seconds")
                .description("When the newest reconciliation of the owner's doctype ended").register(registry);
    }

    void onStart(@Observes StartupEvent start) {
        store.newestPerScope().subscribe().with(runs -> runs.forEach(this::record), e -> {
        });
    }

    /** Shows a full reconciliation that ended. */
    public void record(Run run) {
        newest.merge(run.source() + "/" + run.doctype(), run, (a, b) -> b.id() > a.id() ? b : a);
        List<Run> runs = List.copyOf(newest.values());
        drift.register(runs.stream().flatMap(r -> Map.of("missing", r.missing(), "stale", r.stale(), "extra",
                r.extra(), "duplicated", r.duplicated()).entrySet().stream()
                .map(kind -> MultiGauge.Row.of(Tags.of("source", r.source(), "doctype", r.doctype(), "kind",
                        kind.getKey()), kind.getValue())))
                .map(row -> (MultiGauge.Row<?>) row).toList(), true);
        lastRun.register(runs.stream().map(r -> (MultiGauge.Row<?>) MultiGauge.Row.of(Tags.of("source", r.source(),
                "doctype", r.doctype()), r.finishedAt().toEpochSecond())).toList(), true);
    }
}
