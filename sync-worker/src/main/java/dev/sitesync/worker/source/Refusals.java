package dev.sitesync.worker.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.Operation;
import dev.sitesync.contracts.ownership.RefusalReason;
import dev.sitesync.worker.client.OwnershipClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.LoggedSteps;
import dev.sitesync.worker.store.SyncLog;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Documents of this site that do not go out, recorded once each: refused by the policy ({@code REFUSED}) or changed
 * here although another site owns them ({@code OWNERSHIP_VIOLATION}). The overlap window and full syncs read the same
 * versions again; the log already holds them then, and they are neither logged nor counted twice.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class);

    private final WorkerConfig config;
    private final OwnershipClient ownership;
    private final SyncLog log;
    private final LoggedSteps logged;
    private final WorkerMetrics metrics;
    private final SyncTraces tracing;

    public Refusals(WorkerConfig config, OwnershipClient ownership, SyncLog log, LoggedSteps logged,
            WorkerMetrics metrics, SyncTraces tracing) {
        this.config = config;
        this.ownership = ownership;
        this.log = log;
        this.logged = logged;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** The log entry of a document the decision does not let out. */
    public AuditEntry of(String doctype, String name, String version, Decision decision, String traceparent) {
        SyncStatus status = decision.reason() == RefusalReason.OWNERSHIP_VIOLATION
                ? SyncStatus.OWNERSHIP_VIOLATION
                : SyncStatus.REFUSED;
        return AuditEntry.refused(Instant.now(), config.site(), doctype, name, version, status,
                decision.reason() + ": " + decision.detail()).inTrace(traceparent);
    }

    /** Records the refusals the log does not hold yet. */
    public Uni<Void> record(String doctype, List<AuditEntry> refusals) {
        if (refusals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return logged.of(doctype, refusals.stream().map(AuditEntry::localName).toList(), SyncStatus.REFUSED,
                SyncStatus.OWNERSHIP_VIOLATION)
                .map(steps -> refusals.stream().filter(entry -> !steps.contains(new LoggedSteps.Step(entry.localName(),
                        entry.version(), entry.status()))).toList())
                .flatMap(fresh -> log.append(fresh).invoke(() -> fresh.forEach(entry -> announce(entry, doctype))));
    }

    /**
     * Documents of a doctype the policy does not capture (a ledger, an unknown doctype), not even read: asks
     * ownership-service why, and records its refusal for each. Each webhook event is taken once (replays are dropped
     * at intake), so each refusal here is new.
     */
    public Uni<Void> unread(SyncPolicy policy, String doctype, List<String> names, Map<String, String> traces) {
        Span span = tracing.startBatch("decide", SpanKind.CLIENT, names.stream().map(traces::get).toList());
        return SyncTraces.endWith(span, ownership.decide(List.of(new DecisionItem(config.site(), doctype, Map.of(),
                Operation.UPSERT)), SyncTraces.traceparent(span)))
                .flatMap(response -> {
                    Decision decision = response.decisions().get(0);
                    List<AuditEntry> refusals = names.stream()
                            .map(name -> of(doctype, name, null, decision, traces.get(name))).toList();
                    return log.append(refusals).invoke(() -> refusals.forEach(entry -> announce(entry,
                            policy.classifies(doctype) ? doctype : "unclassified")));
                });
    }

    /** Counts and warns about a refusal once it is recorded for the first time, not at every re-read. */
    private void announce(AuditEntry refusal, String doctypeTag) {
        metrics.envelope(refusal.status().name().toLowerCase(), doctypeTag);
        SyncTraces.logFor(refusal.externalId(), refusal.traceId(), () -> LOG.warnf("%s %s '%s' not sent: %s",
                refusal.status(), refusal.doctype(), refusal.localName(), refusal.detail()));
    }
}
