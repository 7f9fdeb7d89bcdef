package dev.sitesync.worker.target;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.support.flow.Drain;
import dev.sitesync.worker.circuit.TargetCircuits;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.domain.VersionOrder;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.ApplyQueue;
import dev.sitesync.worker.store.ApplyQueue.DocumentState;
import dev.sitesync.worker.store.ApplyQueue.LeasedDocument;
import dev.sitesync.worker.store.ApplyQueue.Outcome;
import dev.sitesync.worker.store.ApplyQueue.Recorded;
import dev.sitesync.worker.store.ApplyQueue.Task;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * The target side: applies inbox envelopes to this site. Per document, one replica at a time (a lease, renewed while
 * the work runs; only its holder records the outcome), the newest version only (older ones are recorded and skipped),
 * dependencies first (a document waits for the documents it links to, for a bounded time). While the site does not
 * take writes, its circuit holds every document back and none spends a retry; refusals the site would repeat go to an
 * operator at once, and a document failing longer than the retry age is parked for one.
 */
@ApplicationScoped
public class Applier {

    public static final String EXTERNAL_ID_FIELD = DocumentWriter.EXTERNAL_ID_FIELD;
    private static final Logger LOG = Logger.getLogger(Applier.class);

    private final WorkerConfig config;
    private final ApplyQueue queue;
    private final DocumentWriter writer;
    private final LinkTranslator links;
    private final TargetCircuits circuits;
    private final ApplyFailures failures;
    private final PeerClient peers;
    private final WorkerMetrics metrics;
    private final SyncTraces tracing;
    private final Drain drain = new Drain("apply", this::applyDue);
    /** Documents this replica works on now: their leases are renewed until the outcome is recorded. */
    private final Set<UUID> working = ConcurrentHashMap.newKeySet();

    public Applier(WorkerConfig config, ApplyQueue queue, DocumentWriter writer, LinkTranslator links,
            TargetCircuits circuits, ApplyFailures failures, PeerClient peers, WorkerMetrics metrics,
            SyncTraces tracing) {
        this.config = config;
        this.queue = queue;
        this.writer = writer;
        this.links = links;
        this.circuits = circuits;
        this.failures = failures;
        this.peers = peers;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Scheduled(every = "${sitesync.worker.apply.interval}")
    void tick() {
        drain.nudge();
    }

    /** Applies what is due now, instead of at the next tick. */
    public void nudge() {
        drain.nudge();
    }

    /** Keeps the leases of the documents in work ahead of it, so no other replica takes one over meanwhile. */
    @Scheduled(every = "${sitesync.worker.apply.renewal}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewLeases() {
        return queue.renew(List.copyOf(working), config.apply().lease())
                .onFailure().invoke(e -> LOG.warnf("Renewing apply leases failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Applies what is due as one continuous stream: documents are leased a few at a time as slots free up, so the
     * configured number of applies is always in flight while work is due, without waiting for the slowest of a batch.
     * A probe of an open circuit is one document, whose outcome tells whether the site takes writes again.
     */
    private Uni<Integer> applyDue() {
        return circuits.permit(TargetCircuits.SITE, config.apply().lease()).flatMap(permit -> {
            if (permit == TargetCircuits.Permit.WAIT) {
                return Uni.createFrom().item(0);
            }
            if (permit == TargetCircuits.Permit.PROBE) {
                return leaseDue(1).flatMap(documents -> apply(Multi.createFrom().iterable(documents), 1));
            }
            int concurrency = config.apply().concurrency();
            Multi<Leased> due = Multi.createBy().repeating()
                    .uni(() -> circuits.isClosed(TargetCircuits.SITE)
                            ? leaseDue(concurrency)
                            : Uni.createFrom().item(List.<Leased>of()))
                    .whilst(leased -> !leased.isEmpty())
                    .onItem().transformToIterable(leased -> leased);
            return apply(due, concurrency);
        });
    }

    /** A leased document with its due tasks. */
    private record Leased(LeasedDocument document, List<Task> tasks) {
    }

    /** Leases up to {@code limit} documents, then reads all their due tasks in one query. */
    private Uni<List<Leased>> leaseDue(int limit) {
        return queue.leaseDue(limit, config.apply().lease()).flatMap(documents -> {
            if (documents.isEmpty()) {
                return Uni.createFrom().item(List.<Leased>of());
            }
            documents.forEach(document -> working.add(document.externalId()));
            return queue.dueTasks(documents.stream().map(LeasedDocument::externalId).toList())
                    .map(tasks -> documents.stream()
                            .map(document -> new Leased(document, tasks.get(document.externalId()))).toList())
                    // their leases lapse: another pass or replica takes them
                    .onFailure().invoke(() -> documents.forEach(document -> working.remove(document.externalId())));
        });
    }

    private Uni<Integer> apply(Multi<Leased> documents, int concurrency) {
        AtomicInteger applied = new AtomicInteger();
        return documents.onItem().transformToUni(this::applyDocument).merge(concurrency)
                .invoke(applied::incrementAndGet)
                .collect().last().map(x -> applied.get());
    }

    private Uni<Void> applyDocument(Leased leased) {
        long started = System.nanoTime();
        LeasedDocument document = leased.document();
        List<Task> tasks = leased.tasks();
        return (tasks.isEmpty() ? record(document, Recorded.untouched(), tasks) : work(document, tasks))
                .invoke(() -> metrics.applyDuration(Duration.ofNanos(System.nanoTime() - started)))
                .eventually(() -> working.remove(document.externalId()));
    }

    /** The apply of the newest due version, in the trace of its capture on the source, bounded in time. */
    private Uni<Void> work(LeasedDocument document, List<Task> tasks) {
        Task newest = newest(tasks);
        ChangeEnvelope envelope = newest.envelope();
        Span span = tracing.start("apply", SpanKind.INTERNAL, envelope.traceparent())
                .setAttribute(SyncTraces.SITE, config.site()).setAttribute(SyncTraces.DOCTYPE, document.doctype())
                .setAttribute(SyncTraces.EXTERNAL_ID, document.externalId().toString())
                .setAttribute("sitesync.version", envelope.version())
                .setAttribute("sitesync.source_site", envelope.sourceSite());
        Uni<Recorded> outcome = decide(document, tasks, newest, SyncTraces.traceparent(span))
                .ifNoItem().after(config.apply().timeout())
                .failWith(() -> new IllegalStateException("the apply took longer than "
                        + config.apply().timeout().toSeconds() + " s; given up, retried"))
                .onFailure().recoverWithUni(failure -> failures.recorded(document, newest, failure));
        return SyncTraces.endWith(span, outcome.flatMap(recorded -> record(document, recorded, tasks)));
    }

    private Uni<Void> record(LeasedDocument document, Recorded recorded, List<Task> tasks) {
        return queue.record(document.externalId(), recorded).invoke(held -> {
            if (!held) {
                LOG.warnf("The lease on %s %s was taken over before its outcome was recorded; the replica holding it "
                        + "now applies it again", document.doctype(), document.externalId());
            } else if (recorded.outcome() instanceof Outcome.Applied applied) {
                metrics.applied(applied.task().envelope(), OffsetDateTime.now(ZoneOffset.UTC));
            }
        }).replaceWithVoid();
    }

    private Uni<Recorded> decide(LeasedDocument document, List<Task> tasks, Task newest, String trace) {
        List<Task> others = tasks.stream().filter(t -> t != newest).toList();
        VersionOrder applied = document.appliedOrder();
        if (newest.order().isOlderThan(applied) || (newest.order().sameAs(applied)
                && newest.envelope().contentHash().equals(document.appliedHash()))) {
            return Uni.createFrom().item(Recorded.untouched().withSkipped(tasks.stream().map(Task::id).toList(),
                    tasks.stream().map(t -> skipped(t, document, "version " + document.appliedVersion()
                            + " is already applied")).toList()));
        }
        Uni<Recorded> done = newest.envelope().operation() == ChangeEnvelope.Operation.DELETE
                ? disable(document, newest, trace)
                : upsert(document, newest, trace);
        return done.map(recorded -> recorded.withSkipped(others.stream().map(Task::id).toList(),
                others.stream().map(t -> skipped(t, document, "superseded by version " + newest.envelope().version()))
                        .toList()));
    }

    private Uni<Recorded> upsert(LeasedDocument document, Task task, String trace) {
        ChangeEnvelope envelope = task.envelope();
        return links.translate(envelope).flatMap(translated -> {
            if (translated.missing().isPresent()) {
                return Uni.createFrom().item(waiting(document, task, translated.missing().get()));
            }
            return writer.upsert(document, envelope, translated.payload(), trace)
                    .call(written -> circuits.succeeded(TargetCircuits.SITE))
                    .map(written -> Recorded.of(new Outcome.Applied(task, state(task, written.name(), written.modified())),
                            audit(envelope, written.name(), SyncStatus.APPLIED, task.attempts() + 1, null)));
        });
    }

    private Uni<Recorded> disable(LeasedDocument document, Task task, String trace) {
        ChangeEnvelope envelope = task.envelope();
        return writer.disable(document, envelope, trace).call(x -> circuits.succeeded(TargetCircuits.SITE))
                .map(written -> written.isEmpty()
                        ? Recorded.of(new Outcome.Applied(task, state(task, null, null)),
                                audit(envelope, null, SyncStatus.DISABLED, 0, "not on this site"))
                        : Recorded.of(new Outcome.Applied(task, state(task, written.get().name(), written.get().modified())),
                                audit(envelope, written.get().name(), SyncStatus.DISABLED, task.attempts() + 1, null)));
    }

    /**
     * A document waits for the document it links to, which its source sends first; when one has not come after the
     * longest wait, its source is asked to send it again and an operator sees the dependant, naming what it waits for.
     */
    private Recorded waiting(LeasedDocument document, Task task, UUID missing) {
        ChangeEnvelope envelope = task.envelope();
        Duration waited = task.waitingSince() == null
                ? Duration.ZERO
                : Duration.between(task.waitingSince().toInstant(), Instant.now());
        if (waited.compareTo(config.apply().maxWait()) <= 0) {
            return Recorded.of(new Outcome.Waiting(task, missing), audit(envelope, document.localName(),
                    SyncStatus.MISSING_DEPENDENCY, task.attempts(), "waiting for " + missing));
        }
        peers.requestResend(envelope.sourceSite(), missing).subscribe().with(x -> {
        }, e -> LOG.warnf("Asking %s to send %s again failed: %s", envelope.sourceSite(), missing, e.getMessage()));
        String detail = envelope.doctype() + " '" + envelope.sourceName() + "' waited " + waited.toMinutes()
                + " min for the document it links to (external ID " + missing + "), which never reached "
                + config.site() + "; " + envelope.sourceSite() + " was asked to send it again: retry once it is here";
        return Recorded.of(new Outcome.Dead(task, "MISSING_DEPENDENCY", detail),
                audit(envelope, document.localName(), SyncStatus.DEAD_LETTER, task.attempts(), detail));
    }

    private static DocumentState state(Task task, String name, String modified) {
        ChangeEnvelope envelope = task.envelope();
        return new DocumentState(name, envelope.version(), envelope.contentHash(), modified, task.order());
    }

    private static Task newest(List<Task> tasks) {
        return tasks.stream().max((a, b) -> {
            int order = VersionOrder.OLDEST_FIRST.compare(a.order(), b.order());
            return order != 0 ? order : Long.compare(a.id(), b.id());
        }).orElseThrow();
    }

    private AuditEntry skipped(Task task, LeasedDocument document, String why) {
        return audit(task.envelope(), document.localName(), SyncStatus.SKIPPED_OLDER, task.attempts(), why);
    }

    private AuditEntry audit(ChangeEnvelope envelope, String localName, SyncStatus status, int attempt, String detail) {
        metrics.envelope(status.name().toLowerCase(), envelope.doctype());
        return AuditEntry.onTarget(envelope, config.site(), localName, status, attempt, detail);
    }
}
