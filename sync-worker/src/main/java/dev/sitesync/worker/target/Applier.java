package dev.sitesync.worker.target;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.ServiceCallException;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.Backoff;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.domain.Traceparent;
import dev.sitesync.worker.domain.Versions;
import dev.sitesync.worker.flow.Drain;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.ApplyQueue;
import dev.sitesync.worker.store.ApplyQueue.DocumentState;
import dev.sitesync.worker.store.ApplyQueue.LeasedDocument;
import dev.sitesync.worker.store.ApplyQueue.Outcome;
import dev.sitesync.worker.store.ApplyQueue.Task;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Applies inbox envelopes to this worker's site through its REST API, so ERPNext validates every write. Per
 * document: the newest version wins and older ones are recorded as skipped; Link fields are translated to this
 * site's names (waiting while a dependency is missing); a document changed here by someone else since our last
 * write is never overwritten; a delete disables. Failures park only that document.
 */
@ApplicationScoped
public class Applier {

    public static final String EXTERNAL_ID_FIELD = "sitesync_external_id";
    private static final Logger LOG = Logger.getLogger(Applier.class);

    private final WorkerConfig config;
    private final ApplyQueue queue;
    private final FrappeClient site;
    private final IdentityClient identities;
    private final MetaCache metas;
    private final SiteWriteLimiter limiter;
    private final WorkerMetrics metrics;
    private final SyncTraces tracing;
    private final Drain drain = new Drain("apply", this::applyDue);

    public Applier(WorkerConfig config, ApplyQueue queue, FrappeClient site, IdentityClient identities, MetaCache metas,
            SiteWriteLimiter limiter, WorkerMetrics metrics, SyncTraces tracing) {
        this.config = config;
        this.queue = queue;
        this.site = site;
        this.identities = identities;
        this.metas = metas;
        this.limiter = limiter;
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

    private Uni<Integer> applyDue() {
        if (limiter.circuitOpen()) {
            return Uni.createFrom().item(0);
        }
        int concurrency = config.apply().concurrency();
        return queue.leaseDue(concurrency * 8, config.apply().lease())
                .flatMap(documents -> Multi.createFrom().iterable(documents)
                        .onItem().transformToUni(this::applyDocument).merge(concurrency)
                        .collect().last().replaceWith(documents.size()));
    }

    private Uni<Void> applyDocument(LeasedDocument document) {
        long started = System.nanoTime();
        return queue.dueTasks(document.externalId())
                .flatMap(tasks -> {
                    if (tasks.isEmpty()) {
                        return queue.record(document.externalId(), Outcome.release());
                    }
                    Span span = applySpan(document, tasks);
                    String trace = SyncTraces.traceparent(span);
                    return SyncTraces.endWith(span, decide(document, tasks, trace)
                            .onFailure().recoverWithItem(failure -> failed(document, tasks, failure))
                            .flatMap(outcome -> queue.record(document.externalId(), outcome)
                                    .invoke(() -> observeApplied(tasks, outcome))));
                })
                .invoke(() -> metrics.applyDuration(Duration.ofNanos(System.nanoTime() - started)));
    }

    /** The apply continues the trace of the newest envelope's capture on its source. */
    private Span applySpan(LeasedDocument document, List<Task> tasks) {
        ChangeEnvelope newest = newest(tasks).envelope();
        return tracing.start("apply", SpanKind.INTERNAL, newest.traceparent()).setAttribute(SyncTraces.SITE, config.site())
                .setAttribute(SyncTraces.DOCTYPE, document.doctype())
                .setAttribute(SyncTraces.EXTERNAL_ID, document.externalId().toString())
                .setAttribute("sitesync.version", newest.version()).setAttribute("sitesync.source_site", newest.sourceSite());
    }

    /** A write to the site, as a client span of the apply. */
    private Uni<ObjectNode> write(String trace, ChangeEnvelope envelope, String operation, Uni<ObjectNode> call) {
        Span span = tracing.start("write", SpanKind.CLIENT, trace).setAttribute(SyncTraces.SITE, config.site())
                .setAttribute(SyncTraces.DOCTYPE, envelope.doctype()).setAttribute("sitesync.operation", operation);
        return SyncTraces.endWith(span, call);
    }

    private static Task newest(List<Task> tasks) {
        return tasks.stream().max(Comparator.comparing((Task t) -> t.envelope().version(), Versions.ORDER)
                .thenComparing(Task::id)).orElseThrow();
    }

    /** Change-to-applied latency, once the write is recorded: only for the task that was written, not skipped ones. */
    private void observeApplied(List<Task> tasks, Outcome outcome) {
        if (outcome.state() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        tasks.stream().filter(task -> outcome.done().contains(task.id()))
                .forEach(task -> metrics.applied(task.envelope(), now));
    }

    private Uni<Outcome> decide(LeasedDocument document, List<Task> tasks, String trace) {
        Task newest = newest(tasks);
        List<Task> others = tasks.stream().filter(t -> t != newest).toList();
        if (Versions.isOlder(newest.envelope().version(), document.appliedVersion())
                || (newest.envelope().version().equals(document.appliedVersion())
                        && newest.envelope().contentHash().equals(document.appliedHash()))) {
            return Uni.createFrom().item(Outcome.release().withSkipped(tasks.stream().map(Task::id).toList(),
                    tasks.stream().map(t -> audit(t.envelope(), document.localName(), SyncStatus.SKIPPED_OLDER,
                            t.attempts(), "version " + document.appliedVersion() + " is already applied")).toList()));
        }
        ChangeEnvelope envelope = newest.envelope();
        Uni<Outcome> applied = envelope.operation() == ChangeEnvelope.Operation.DELETE
                ? disable(document, newest, trace)
                : upsert(document, newest, trace);
        return applied.map(outcome -> outcome.withSkipped(others.stream().map(Task::id).toList(),
                others.stream().map(t -> audit(t.envelope(), document.localName(), SyncStatus.SKIPPED_OLDER, t.attempts(),
                        "superseded by version " + newest.envelope().version())).toList()));
    }

    private Uni<Outcome> upsert(LeasedDocument document, Task task, String trace) {
        ChangeEnvelope envelope = task.envelope();
        return translateLinks(envelope).flatMap(translated -> {
            if (translated.missing().isPresent()) {
                UUID missing = translated.missing().get();
                return Uni.createFrom().item(Outcome.waiting(task, missing, audit(envelope, document.localName(),
                        SyncStatus.MISSING_DEPENDENCY, task.attempts(), "waiting for " + missing)));
            }
            ObjectNode payload = translated.payload();
            payload.put(EXTERNAL_ID_FIELD, envelope.externalId().toString());
            return existingName(document, envelope).flatMap(existing -> limiter.permit().flatMap(x -> {
                if (existing.isEmpty()) {
                    return write(trace, envelope, "insert", insertOrAdopt(envelope, payload));
                }
                if (envelope.localFields() != null) {
                    payload.remove(envelope.localFields());
                }
                return write(trace, envelope, "update", document.writtenModified() == null
                        || !existing.get().equals(document.localName())
                                ? site.update(envelope.doctype(), existing.get(), payload)
                                : site.updateIfUnchanged(envelope.doctype(), existing.get(), payload,
                                        document.writtenModified()));
            })).flatMap(written -> link(envelope, written.path("name").asText()).map(x -> Outcome.applied(task,
                    new DocumentState(written.path("name").asText(), envelope.version(), envelope.contentHash(),
                            written.path("modified").asText()),
                    audit(envelope, written.path("name").asText(), SyncStatus.APPLIED, task.attempts() + 1, null))));
        });
    }

    private Uni<Outcome> disable(LeasedDocument document, Task task, String trace) {
        ChangeEnvelope envelope = task.envelope();
        return existingName(document, envelope).flatMap(existing -> {
            if (existing.isEmpty()) {
                return Uni.createFrom().item(Outcome.applied(task, new DocumentState(null, envelope.version(),
                        envelope.contentHash(), null), audit(envelope, null, SyncStatus.DISABLED, 0, "not on this site")));
            }
            return metas.of(envelope.doctype()).flatMap(meta -> {
                ObjectNode off = JsonNodeFactory.instance.objectNode();
                if (meta.hasDisabled()) {
                    off.put("disabled", 1);
                } else if (meta.hasEnabled()) {
                    off.put("enabled", 0);
                } else {
                    return Uni.createFrom().item(Outcome.dead(task, "NO_DISABLE_FIELD",
                            envelope.doctype() + " has neither 'disabled' nor 'enabled'; deletes are never applied as"
                                    + " hard deletes, so disable or remove '" + existing.get() + "' by hand",
                            audit(envelope, existing.get(), SyncStatus.DEAD_LETTER, task.attempts(), "no disable field")));
                }
                return limiter.permit()
                        .flatMap(x -> write(trace, envelope, "disable", site.update(envelope.doctype(), existing.get(), off)))
                        .map(written -> Outcome.applied(task, new DocumentState(existing.get(), envelope.version(),
                                envelope.contentHash(), written.path("modified").asText()),
                                audit(envelope, existing.get(), SyncStatus.DISABLED, task.attempts() + 1, null)));
            });
        });
    }

    /**
     * Inserts the document; if the site already has one under the source's name that SiteSync never claimed (a
     * master both sites had before onboarding, like UOM "Nos"), adopts it by updating it instead. A document
     * claimed by another external ID is a conflict, never overwritten.
     */
    private Uni<ObjectNode> insertOrAdopt(ChangeEnvelope envelope, ObjectNode payload) {
        return site.insert(envelope.doctype(), payload).onFailure(e -> e instanceof FrappeException f
                && f.kind() == FrappeErrorKind.DUPLICATE).recoverWithUni(duplicate -> site
                        .get(envelope.doctype(), envelope.sourceName()).flatMap(existing -> {
                            String claimedBy = existing.path(EXTERNAL_ID_FIELD).asText("");
                            if (!claimedBy.isEmpty() && !claimedBy.equals(envelope.externalId().toString())) {
                                return Uni.createFrom().failure(duplicate);
                            }
                            ObjectNode update = payload.deepCopy();
                            if (envelope.localFields() != null) {
                                update.remove(envelope.localFields());
                            }
                            return site.update(envelope.doctype(), envelope.sourceName(), update);
                        }));
    }

    /** The document's name on this site: known from our last write, or found by its external ID after a crash. */
    private Uni<Optional<String>> existingName(LeasedDocument document, ChangeEnvelope envelope) {
        if (document.localName() != null) {
            return Uni.createFrom().item(Optional.of(document.localName()));
        }
        return site.list(ListQuery.of(envelope.doctype()).fields("name")
                .where(Filter.eq(EXTERNAL_ID_FIELD, envelope.externalId().toString())).limit(0, 1))
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).path("name").asText()));
    }

    private record Translated(ObjectNode payload, Optional<UUID> missing) {
    }

    /** Replaces each dependency's source name with this site's name for the same external ID. */
    private Uni<Translated> translateLinks(ChangeEnvelope envelope) {
        ObjectNode payload = envelope.payload().deepCopy();
        List<ChangeEnvelope.LinkDependency> dependencies = envelope.dependencies() == null
                ? List.of()
                : envelope.dependencies();
        return Multi.createFrom().iterable(dependencies)
                .onItem().transformToUniAndConcatenate(dependency -> identities.get(dependency.externalId())
                        .map(view -> new Object[]{dependency, view.flatMap(this::localName)}))
                .collect().asList()
                .map(resolved -> {
                    for (Object[] pair : resolved) {
                        ChangeEnvelope.LinkDependency dependency = (ChangeEnvelope.LinkDependency) pair[0];
                        @SuppressWarnings("unchecked")
                        Optional<String> name = (Optional<String>) pair[1];
                        if (name.isEmpty()) {
                            return new Translated(payload, Optional.of(dependency.externalId()));
                        }
                        LinkPaths.set(payload, dependency.path(), name.get());
                    }
                    return new Translated(payload, Optional.empty());
                });
    }

    private Optional<String> localName(IdentityView identity) {
        return identity.links().stream().filter(link -> link.site().equals(config.site()))
                .map(IdentityView.Link::localName).findFirst();
    }

    private Uni<Void> link(ChangeEnvelope envelope, String localName) {
        return identities.link(envelope.externalId(), config.site(), localName).replaceWithVoid();
    }

    private Outcome failed(LeasedDocument document, List<Task> tasks, Throwable failure) {
        Task task = tasks.get(tasks.size() - 1);
        ChangeEnvelope envelope = task.envelope();
        int attempt = task.attempts() + 1;
        if (failure instanceof FrappeException frappe) {
            if (frappe.kind() == FrappeErrorKind.AUTHENTICATION || frappe.kind() == FrappeErrorKind.PERMISSION) {
                limiter.openCircuit();
                SyncTraces.logFor(envelope.externalId(), Traceparent.traceId(envelope.traceparent()), () -> LOG.errorf(
                        "Site %s refuses the sync user (%s): applying paused; check its API key and roles",
                        config.site(), frappe.kind()));
                return retry(task, attempt, failure, Duration.ofSeconds(60));
            }
            if (frappe.kind() == FrappeErrorKind.TIMESTAMP_MISMATCH) {
                metrics.conflict(envelope.doctype());
                return Outcome.dead(task, "CONCURRENT_UPDATE", "'" + document.localName() + "' was changed on "
                        + config.site() + " since SiteSync last wrote it; never overwritten: reconcile it, then retry",
                        audit(envelope, document.localName(), SyncStatus.CONCURRENT_UPDATE, attempt, frappe.getMessage()));
            }
            if (!frappe.retryable()) {
                return Outcome.dead(task, "FIX_AT_SOURCE", envelope.doctype() + " '" + envelope.sourceName()
                        + "' from " + envelope.sourceSite() + " was refused by " + config.site() + ": " + frappe.getMessage(),
                        audit(envelope, document.localName(), SyncStatus.DEAD_LETTER, attempt, frappe.getMessage()));
            }
            return retry(task, attempt, failure, frappe.retryAfter().orElse(null));
        }
        if (failure instanceof ServiceCallException call && !call.retryable()) {
            return Outcome.dead(task, "REFUSED_BY_SERVICE", call.getMessage(),
                    audit(envelope, document.localName(), SyncStatus.DEAD_LETTER, attempt, call.getMessage()));
        }
        return retry(task, attempt, failure, null);
    }

    private Outcome retry(Task task, int attempt, Throwable failure, Duration retryAfter) {
        ChangeEnvelope envelope = task.envelope();
        metrics.retry("apply", envelope.sourceSite(), envelope.doctype());
        if (attempt >= config.apply().maxAttempts()) {
            return Outcome.dead(task, "RETRIES_EXHAUSTED", failure.getMessage(),
                    audit(envelope, null, SyncStatus.DEAD_LETTER, attempt, failure.getMessage()));
        }
        Duration delay = retryAfter != null
                ? retryAfter
                : Backoff.delay(attempt, config.apply().firstBackoff(), config.apply().maxBackoff());
        return Outcome.retry(task, delay, failure.getMessage(),
                audit(envelope, null, SyncStatus.RETRY, attempt, failure.getMessage()));
    }

    private AuditEntry audit(ChangeEnvelope envelope, String localName, SyncStatus status, int attempt, String detail) {
        metrics.envelope(status.name().toLowerCase(), envelope.doctype());
        return new AuditEntry(Instant.now(), envelope.externalId(), envelope.sourceSite(), config.site(),
                envelope.doctype(), localName, envelope.version(), envelope.contentHash(), status, attempt, detail)
                .inTrace(envelope.traceparent());
    }
}
