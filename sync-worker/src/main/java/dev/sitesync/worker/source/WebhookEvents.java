package dev.sitesync.worker.source;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.Backoff;
import dev.sitesync.worker.domain.DeadLetterReason;
import dev.sitesync.worker.store.CaptureDeadLetters;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.InboundEvents.Pending;

/**
 * Webhook events, captured as soon as they are committed: per doctype, its due events go through the pipeline
 * together, each document in the trace of its webhook. When the capture fails, each event is counted and waits for
 * its own next attempt (exponential with jitter), so a poisoned one neither blocks the events behind it nor costs a
 * read every second; past the events' maximum age it becomes a {@code CAPTURE_FAILED} dead letter.
 */
@ApplicationScoped
public class WebhookEvents implements ChangeSource {

    private final WorkerConfig config;
    private final InboundEvents events;
    private final SourcePipeline pipeline;
    private final KeysetPages pages;
    private final CaptureDeadLetters deadLetters;
    private final Pool pool;
    private final OffPeak offPeak;

    public WebhookEvents(WorkerConfig config, InboundEvents events, SourcePipeline pipeline, KeysetPages pages,
            CaptureDeadLetters deadLetters, Pool pool, OffPeak offPeak) {
        this.config = config;
        this.events = events;
        this.pipeline = pipeline;
        this.pages = pages;
        this.deadLetters = deadLetters;
        this.pool = pool;
        this.offPeak = offPeak;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public Uni<List<String>> doctypes() {
        return events.dueDoctypes().flatMap(offPeak::capturable); // outside its window an event waits
    }

    @Override
    public Uni<Integer> capture(String doctype, CaptureLease.Held lease) {
        return events.due(doctype, config.events().batchSize()).flatMap(due -> due.isEmpty()
                ? Uni.createFrom().item(0)
                : pipeline.capture(lease, traces(due))
                        .flatMap(x -> events.handled(due.stream().map(Pending::id).toList()))
                        .invoke(() -> due.forEach(event -> pages.remember(doctype, event.name(), event.modified())))
                        .replaceWith(due.size())
                        .onFailure(e -> !(e instanceof CaptureLease.LeaseLostException))
                        .call(failure -> failed(lease, due, failure)));
    }

    /** Each document once, in the trace of the first of its events that was traced. */
    private static Map<String, String> traces(List<Pending> events) {
        Map<String, String> traces = new LinkedHashMap<>();
        events.forEach(event -> traces.merge(event.name(), event.traceparent() == null ? "" : event.traceparent(),
                (first, later) -> first.isEmpty() ? later : first));
        traces.replaceAll((name, traceparent) -> traceparent.isEmpty() ? null : traceparent);
        return traces;
    }

    /** Counts the failure on each event; those past the maximum age become dead letters instead. */
    private Uni<Void> failed(CaptureLease.Held lease, List<Pending> due, Throwable failure) {
        OffsetDateTime oldest = OffsetDateTime.now().minus(config.events().maxAge());
        List<Pending> expired = due.stream().filter(event -> event.receivedAt().isBefore(oldest)).toList();
        List<Pending> retried = due.stream().filter(event -> !expired.contains(event)).toList();
        String error = String.valueOf(failure.getMessage());
        return events.failed(retried, error, attempt -> Backoff.delay(attempt, config.events().firstBackoff(),
                config.events().maxBackoff()))
                .flatMap(x -> giveUp(lease, expired, error));
    }

    private Uni<Void> giveUp(CaptureLease.Held lease, List<Pending> expired, String error) {
        if (expired.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CaptureDeadLetters.Entry> entries = expired.stream().map(event -> new CaptureDeadLetters.Entry(
                event.doctype(), event.name(), event.modified(), DeadLetterReason.CAPTURE_FAILED, "The webhook event of "
                        + event.doctype() + " '" + event.name() + "' (received " + event.receivedAt().toInstant()
                        + ") could not be captured in " + (event.attempts() + 1) + " attempts over "
                        + config.events().maxAge() + "; last error: " + error + ". The poll still captures the"
                        + " document while it succeeds; a full sync of the doctype captures it in any case.",
                event.traceparent())).toList();
        return pool.withTransaction(connection -> lease.check(connection)
                .flatMap(x -> deadLetters.record(connection, config.site(), entries))
                .flatMap(x -> events.handled(connection, expired.stream().map(Pending::id).toList())));
    }
}
