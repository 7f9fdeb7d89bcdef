package dev.sitesync.worker.target;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.contracts.sync.Traceparent;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.worker.circuit.TargetCircuits;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.ServiceCallException;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ApplyFailurePolicy;
import dev.sitesync.worker.domain.ApplyFailurePolicy.Cause;
import dev.sitesync.worker.domain.ApplyFailurePolicy.Verdict;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.ContentHash;
import dev.sitesync.worker.domain.FieldDifferences;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.ApplyQueue.LeasedDocument;
import dev.sitesync.worker.store.ApplyQueue.Outcome;
import dev.sitesync.worker.store.ApplyQueue.Recorded;
import dev.sitesync.worker.store.ApplyQueue.Task;
import dev.sitesync.worker.store.Conflicts;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Turns a failed apply into what is recorded: the failure's cause (from the site's error envelope, our services'
 * answers, or the apply's own findings), the {@link ApplyFailurePolicy}'s verdict, the site's circuit told what it
 * says about the site, and the log entry an operator reads.
 */
@ApplicationScoped
public class ApplyFailures {

    private static final Logger LOG = Logger.getLogger(ApplyFailures.class);

    private final WorkerConfig config;
    private final TargetCircuits circuits;
    private final MetaCache metas;
    private final WorkerMetrics metrics;
    private final ApplyFailurePolicy policy;

    public ApplyFailures(WorkerConfig config, TargetCircuits circuits, MetaCache metas, WorkerMetrics metrics) {
        this.config = config;
        this.circuits = circuits;
        this.metas = metas;
        this.metrics = metrics;
        WorkerConfig.Apply apply = config.apply();
        this.policy = new ApplyFailurePolicy(apply.firstBackoff(), apply.maxBackoff(), apply.outageBackoff(),
                config.retry().maxAge());
    }

    /** Why the apply failed, in the policy's terms. */
    static Cause cause(Throwable failure) {
        if (failure instanceof ApplyRefusal refusal) {
            return refusal.cause();
        }
        if (failure instanceof FrappeException frappe) {
            return switch (frappe.kind()) {
                case AUTHENTICATION, PERMISSION -> Cause.SITE_CREDENTIALS;
                case RATE_LIMITED -> Cause.SITE_RATE_LIMITED;
                case UNAVAILABLE -> Cause.SITE_UNAVAILABLE;
                case TIMESTAMP_MISMATCH -> Cause.CONCURRENT_UPDATE;
                default -> Cause.SITE_REFUSED;
            };
        }
        if (failure instanceof ServiceCallException call) {
            return call.retryable() ? Cause.SERVICE_UNAVAILABLE : Cause.SERVICE_REFUSED;
        }
        return Cause.UNKNOWN;
    }

    public Uni<Recorded> recorded(LeasedDocument document, Task task, Throwable failure) {
        ChangeEnvelope envelope = task.envelope();
        Cause cause = cause(failure);
        Duration retryAfter = failure instanceof FrappeException frappe ? frappe.retryAfter().orElse(null) : null;
        Duration failingFor = task.failingSince() == null
                ? Duration.ZERO
                : Duration.between(task.failingSince().toInstant(), Instant.now());
        int attempt = task.attempts() + 1;
        String error = String.valueOf(failure.getMessage());
        Verdict verdict = policy.decide(cause, attempt, failingFor, retryAfter);
        if (cause == Cause.SITE_REFUSED) {
            // a refusal may come from a change of the site's schema since its meta was read
            metas.invalidate(envelope.doctype());
        }
        if (verdict instanceof Verdict.Retry retry) {
            metrics.retry("apply", envelope.sourceSite(), envelope.doctype());
            Recorded recorded = Recorded.of(new Outcome.Retry(task, retry.delay(), error, retry.charged()),
                    entry(envelope, document.localName(), SyncStatus.RETRY, attempt, error));
            return retry.siteFailure() == null
                    ? Uni.createFrom().item(recorded)
                    : circuits.failed(TargetCircuits.SITE, retry.siteFailure(), retryAfter, error).replaceWith(recorded);
        }
        String reason = ((Verdict.DeadLetter) verdict).reason();
        if (failure instanceof ConcurrentEdit edit) {
            return circuits.succeeded(TargetCircuits.SITE).replaceWith(conflict(document, task, edit));
        }
        String detail = detail(reason, envelope, document, failure, failingFor);
        SyncStatus status = ApplyFailurePolicy.CONCURRENT_UPDATE.equals(reason)
                ? SyncStatus.CONCURRENT_UPDATE
                : SyncStatus.DEAD_LETTER;
        if (status == SyncStatus.CONCURRENT_UPDATE) {
            metrics.conflict(envelope.doctype());
        }
        if (ApplyFailurePolicy.RETRY_AGE_EXCEEDED.equals(reason)) {
            metrics.parked("apply", reason, envelope.doctype());
        }
        SyncTraces.logFor(envelope.externalId(), Traceparent.traceId(envelope.traceparent()),
                () -> LOG.warnf("%s %s '%s' from %s goes to an operator (%s): %s", envelope.doctype(),
                        envelope.externalId(), envelope.sourceName(), envelope.sourceSite(), reason, detail));
        Recorded recorded = Recorded.of(new Outcome.Dead(task, reason, detail),
                entry(envelope, document.localName(), status, attempt, error));
        // the site answered (a refusal of this document): it takes calls, whatever its circuit thought
        return failure instanceof FrappeException
                ? circuits.succeeded(TargetCircuits.SITE).replaceWith(recorded)
                : Uni.createFrom().item(recorded);
    }

    /** The copy here changed since our last write: both versions are kept for an operator, nothing is written. */
    private Recorded conflict(LeasedDocument document, Task task, ConcurrentEdit edit) {
        ChangeEnvelope envelope = task.envelope();
        metrics.conflict(envelope.doctype());
        ObjectNode copy = FieldDifferences.sentFieldsOf(edit.sent(), edit.current());
        Conflicts.Raised raised = new Conflicts.Raised(task.id(), envelope.externalId(), envelope.doctype(),
                envelope.sourceSite(), envelope.sourceName(), document.localName(), envelope.version(),
                envelope.contentHash(), envelope.changedAt(), edit.sent(), ContentHash.of(copy),
                edit.current().path("modified").asText(null), edit.current().path("modified_by").asText(null), copy,
                FieldDifferences.between(edit.sent(), edit.current()), "apply");
        SyncTraces.logFor(envelope.externalId(), Traceparent.traceId(envelope.traceparent()), () -> LOG.warnf(
                "Conflict on %s '%s': %s; both versions kept for an operator", envelope.doctype(), document.localName(),
                edit.getMessage()));
        return Recorded.of(new Outcome.Conflicted(task, raised), entry(envelope, document.localName(),
                SyncStatus.CONFLICT_RAISED, task.attempts() + 1, edit.getMessage()));
    }

    private String detail(String reason, ChangeEnvelope envelope, LeasedDocument document, Throwable failure,
            Duration failingFor) {
        String name = envelope.doctype() + " '" + envelope.sourceName() + "' from " + envelope.sourceSite();
        return switch (reason) {
            case ApplyFailurePolicy.FIX_AT_SOURCE -> name + " was refused by " + config.site() + ": "
                    + failure.getMessage() + "; fix it at its source (the next change is sent), or retry";
            case ApplyFailurePolicy.CONCURRENT_UPDATE -> failure.getMessage() + "; never overwritten: keep the local "
                    + "edit (discard) or let the source's version win (retry)";
            case ApplyFailurePolicy.RETRY_AGE_EXCEEDED -> name + " kept failing for " + failingFor.toHours()
                    + " h (longer than the retry age " + config.retry().maxAge().toHours() + " h); last error: "
                    + failure.getMessage() + "; retry once the cause is fixed";
            default -> failure.getMessage();
        };
    }

    private AuditEntry entry(ChangeEnvelope envelope, String localName, SyncStatus status, int attempt, String detail) {
        metrics.envelope(status.name().toLowerCase(), envelope.doctype());
        return AuditEntry.onTarget(envelope, config.site(), localName, status, attempt, detail);
    }
}
