package dev.sitesync.worker.metrics;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * The worker's counters and timers, all named {@code sitesync_worker_*}. Tags are sites, doctypes, stages and
 * outcomes only, never document names, so the number of series stays bounded by the policy.
 */
@ApplicationScoped
public class WorkerMetrics {

    /** Changes by outcome: queued, unchanged, refused, received, duplicate, applied, dead_letter, ... */
    public static final String ENVELOPES = "sitesync.worker.envelopes";
    public static final String DELIVERIES = "sitesync.worker.deliveries";
    public static final String RETRIES = "sitesync.worker.retries";
    public static final String CONFLICTS = "sitesync.worker.conflicts";
    public static final String PARKED = "sitesync.worker.parked";
    /** Failed capture cycles of one doctype by one way of capturing (events, poll, full-sync). */
    public static final String CAPTURE_FAILURES = "sitesync.worker.capture.failures";
    /** From the change on the source site to its write on this site. */
    public static final String APPLY_LATENCY = "sitesync.worker.apply.latency";
    /** One document's apply cycle on this worker: read, write, link, record. */
    public static final String APPLY_DURATION = "sitesync.worker.apply.duration";

    private final MeterRegistry registry;
    private final Timer applyDuration;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applyDuration = Timer.builder(APPLY_DURATION).description("Time to apply one document on this worker")
                .register(registry);
    }

    public void envelope(String outcome, String doctype) {
        envelopes(outcome, doctype, 1);
    }

    public void envelopes(String outcome, String doctype, int count) {
        if (count > 0) {
            registry.counter(ENVELOPES, "outcome", outcome, "doctype", doctype).increment(count);
        }
    }

    public void delivery(String peer, String outcome) {
        registry.counter(DELIVERIES, "peer", peer, "outcome", outcome).increment();
    }

    /** Same tag keys for every stage: Prometheus needs one set of keys per metric name. */
    public void retry(String stage, String peer, String doctype) {
        registry.counter(RETRIES, "stage", stage, "peer", peer, "doctype", doctype).increment();
    }

    /** Work given to an operator after failing longer than the retry age (or refused for good by a peer). */
    public void parked(String stage, String reason, String doctype) {
        registry.counter(PARKED, "stage", stage, "reason", reason, "doctype", doctype).increment();
    }

    /** A capture lane failed (it backs off on its own); by way of capturing and doctype. */
    public void captureFailed(String source, String doctype) {
        registry.counter(CAPTURE_FAILURES, "source", source, "doctype", doctype).increment();
    }

    public void conflict(String doctype) {
        registry.counter(CONFLICTS, "doctype", doctype).increment();
    }

    public void applyDuration(Duration duration) {
        applyDuration.record(duration);
    }

    /** Records change-to-applied for an envelope written to this site; envelopes without a change time are skipped. */
    public void applied(ChangeEnvelope envelope, OffsetDateTime now) {
        if (envelope.changedAt() == null) {
            return;
        }
        Duration latency = Duration.between(envelope.changedAt(), now);
        Timer.builder(APPLY_LATENCY).description("From the change on the source site to its write on this site")
                .tags("peer", envelope.sourceSite(), "doctype", envelope.doctype())
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
