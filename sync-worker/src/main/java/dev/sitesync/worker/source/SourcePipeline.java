package dev.sitesync.worker.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.DecisionResponse;
import dev.sitesync.contracts.ownership.Operation;
import dev.sitesync.contracts.ownership.RefusalReason;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.OwnershipClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.client.SyncUser;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.domain.DocMeta;
import dev.sitesync.worker.domain.EnvelopePlanner;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.CaptureDeadLetters;
import dev.sitesync.worker.store.DocStates;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * The source side's one pipeline, fed by webhook events, polls and full syncs alike, for one doctype's documents
 * under its capture lease: read the current documents (a webhook is only a hint), set aside our own writes and the
 * documents whose external-ID field cannot be trusted (each one dead letter; the others go on), ask ownership-service,
 * then record refusals, register references, and for what may go out identify it, capture its dependencies first and
 * queue one envelope per consumer whose copy differs, as {@link EnvelopePlanner} plans them.
 */
@ApplicationScoped
public class SourcePipeline {

    private static final int READ_CONCURRENCY = 8;

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final MetaCache metas;
    private final OwnershipClient ownership;
    private final IdentityClient identities;
    private final SiteZone zone;
    private final Outbox outbox;
    private final DocStates applied;
    private final SyncUser syncUser;
    private final CaptureDeadLetters deadLetters;
    private final Pool pool;
    private final Refusals refusals;
    private final ReferenceRegistration references;
    private final DependencyCapture dependencies;
    private final EnvelopeQueue queue;
    private final WorkerMetrics metrics;
    private final SyncTraces tracing;

    public SourcePipeline(WorkerConfig config, FrappeClient site, PolicyCache policies, MetaCache metas,
            OwnershipClient ownership, IdentityClient identities, SiteZone zone, Outbox outbox, DocStates applied,
            SyncUser syncUser,
            CaptureDeadLetters deadLetters, Pool pool, Refusals refusals, ReferenceRegistration references,
            DependencyCapture dependencies, EnvelopeQueue queue, WorkerMetrics metrics, SyncTraces tracing) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.metas = metas;
        this.ownership = ownership;
        this.identities = identities;
        this.zone = zone;
        this.outbox = outbox;
        this.applied = applied;
        this.syncUser = syncUser;
        this.deadLetters = deadLetters;
        this.pool = pool;
        this.refusals = refusals;
        this.references = references;
        this.dependencies = dependencies;
        this.queue = queue;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Captures these documents of the lease's doctype, each in its own trace. */
    public Uni<Void> capture(CaptureLease.Held lease, List<String> names) {
        return capture(CaptureChain.of(lease), lease.doctype(), untraced(names));
    }

    /** Captures these documents of the lease's doctype, each in the trace of its traceparent (its own if null). */
    public Uni<Void> capture(CaptureLease.Held lease, Map<String, String> traces) {
        return capture(CaptureChain.of(lease), lease.doctype(), traces);
    }

    private Uni<Void> capture(CaptureChain chain, String doctype, Map<String, String> traces) {
        Map<String, Span> spans = new LinkedHashMap<>();
        traces.forEach((name, parent) -> spans.put(name, tracing.start("capture", SpanKind.INTERNAL, parent)
                .setAttribute(SyncTraces.SITE, config.site()).setAttribute(SyncTraces.DOCTYPE, doctype)
                .setAttribute("sitesync.name", name)));
        Map<String, String> captured = new HashMap<>();
        spans.forEach((name, span) -> captured.put(name, SyncTraces.traceparent(span)));
        CaptureLease.Held lease = chain.leaseOf(doctype).orElseThrow();
        Uni<Void> work = policies.current().flatMap(policy -> {
            if (!policy.isCaptured(doctype)) {
                // ledgers and unknown doctypes are not even read
                return refusals.unread(policy, doctype, List.copyOf(traces.keySet()), captured);
            }
            return read(doctype, List.copyOf(traces.keySet()))
                    .flatMap(documents -> trusted(lease, doctype, documents, captured))
                    .flatMap(documents -> {
                        if (documents.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        if (policy.referenceOnly().contains(doctype)) {
                            return references.register(doctype, documents, captured);
                        }
                        return decide(doctype, policy, documents, captured)
                                .flatMap(decided -> send(chain, policy, doctype, documents, decided, captured));
                    });
        });
        return work.onItemOrFailure().invoke((x, failure) -> spans.values().forEach(span -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }));
    }

    /** The documents as they are now; those deleted since the hint are left to the Deleted Document capture. */
    private Uni<List<ObjectNode>> read(String doctype, List<String> names) {
        return Multi.createFrom().iterable(names)
                .onItem().transformToUni(name -> site.get(doctype, name).map(Optional::of)
                        .onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.NOT_FOUND)
                        .recoverWithItem(Optional.empty()))
                .merge(READ_CONCURRENCY)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    /**
     * The documents that are changes of this site: without our own writes (the applier's writes come back through
     * webhooks and polls, and must neither count as local edits nor echo back), and without documents whose
     * external-ID field cannot be trusted (typed garbage, a duplicated copy), which become dead letters instead.
     */
    private Uni<List<ObjectNode>> trusted(CaptureLease.Held lease, String doctype, List<ObjectNode> documents,
            Map<String, String> traces) {
        return syncUser.name().flatMap(user -> {
            // the applier writes as the site's sync user, and only it does
            List<ObjectNode> others = documents.stream().filter(d -> !user.equals(d.path("modified_by").asText()))
                    .toList();
            List<UUID> carried = others.stream().map(CarriedExternalIds::of).flatMap(Optional::stream).distinct().toList();
            return applied.copies(carried).flatMap(copies -> {
                Map<UUID, String> names = new HashMap<>();
                copies.forEach((id, copy) -> {
                    if (copy.localName() != null) {
                        names.put(id, copy.localName());
                    }
                });
                CarriedExternalIds.Screened screened = CarriedExternalIds.screen(config.site(), others, names);
                List<ObjectNode> changes = screened.accepted().stream().filter(d -> {
                    UUID id = screened.carried().get(d);
                    return id == null || !copies.containsKey(id)
                            || !d.path("modified").asText().equals(copies.get(id).writtenModified());
                }).toList();
                return reject(lease, doctype, screened.rejected(), traces).replaceWith(changes);
            });
        });
    }

    private Uni<Void> reject(CaptureLease.Held lease, String doctype, List<CarriedExternalIds.Rejected> rejected,
            Map<String, String> traces) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CaptureDeadLetters.Entry> entries = rejected.stream().map(r -> new CaptureDeadLetters.Entry(doctype,
                r.name(), r.version(), r.reason(), r.detail(), traces.get(r.name()))).toList();
        return pool.withTransaction(connection -> lease.check(connection)
                .flatMap(x -> deadLetters.record(connection, config.site(), entries)))
                .invoke(fresh -> metrics.envelopes("dead_letter", doctype, fresh.size()))
                .replaceWithVoid();
    }

    /** Per document, the decision: one question per distinct scope (a page of Items shares a single decision). */
    record Decided(int policyVersion, Map<ObjectNode, Decision> decisions) {
    }

    Uni<Decided> decide(String doctype, SyncPolicy policy, List<ObjectNode> documents, Map<String, String> traces) {
        Optional<String> scopeField = policy.scopeField(doctype);
        Map<ObjectNode, DecisionItem> items = new LinkedHashMap<>();
        documents.forEach(document -> items.put(document, new DecisionItem(config.site(), doctype,
                scopeField.map(field -> Map.of(field, document.path(field).asText(""))).orElse(Map.of()),
                Operation.UPSERT)));
        List<DecisionItem> distinct = List.copyOf(new LinkedHashSet<>(items.values()));
        Span span = tracing.startBatch("decide", SpanKind.CLIENT, documents.stream()
                .map(document -> traces.get(document.path("name").asText())).toList());
        return SyncTraces.endWith(span, ownership.decide(distinct, SyncTraces.traceparent(span))).map(response -> {
            policies.seen(response.policyVersion());
            Map<DecisionItem, Decision> byItem = byItem(distinct, response);
            Map<ObjectNode, Decision> decisions = new LinkedHashMap<>();
            items.forEach((document, item) -> decisions.put(document, byItem.get(item)));
            return new Decided(response.policyVersion(), decisions);
        });
    }

    private static Map<DecisionItem, Decision> byItem(List<DecisionItem> items, DecisionResponse response) {
        Map<DecisionItem, Decision> byItem = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byItem.put(items.get(i), response.decisions().get(i));
        }
        return byItem;
    }

    /** Refusals recorded (once), references registered, and what is allowed identified and queued. */
    private Uni<Void> send(CaptureChain chain, SyncPolicy policy, String doctype, List<ObjectNode> documents,
            Decided decided, Map<String, String> traces) {
        List<AuditEntry> refused = new ArrayList<>();
        List<ObjectNode> allowed = new ArrayList<>();
        List<ObjectNode> referenced = new ArrayList<>();
        for (ObjectNode document : documents) {
            Decision decision = decided.decisions().get(document);
            String name = document.path("name").asText();
            if (decision.outcome() == Decision.Outcome.ALLOW) {
                allowed.add(document);
            } else if (decision.reason() == RefusalReason.REFERENCE_ONLY) {
                referenced.add(document);
            } else {
                refused.add(refusals.of(doctype, name, document.path("modified").asText(), decision, traces.get(name)));
            }
        }
        Uni<Void> before = refusals.record(doctype, refused).flatMap(x -> references.register(doctype, referenced, traces));
        if (allowed.isEmpty()) {
            return before;
        }
        return before.flatMap(x -> ownedLinks(policy, doctype, allowed)).flatMap(links -> {
            Set<String> consumers = new LinkedHashSet<>();
            allowed.forEach(document -> decided.decisions().get(document).targets().forEach(t -> consumers.add(t.site())));
            return identify(doctype, links, traces)
                    .flatMap(ids -> dependencies.captureFirst(chain, links, ids, consumers,
                            (deeper, dependency, names) -> capture(deeper, dependency, untraced(names)))
                            .flatMap(x -> plan(chain, doctype, links, ids, decided, traces)));
        });
    }

    /** Each document's Link values whose targets this site owns and sends: its dependencies. */
    Uni<Map<ObjectNode, List<DocMeta.LinkValue>>> ownedLinks(SyncPolicy policy, String doctype,
            List<ObjectNode> documents) {
        return metas.of(doctype).flatMap(meta -> metas.childrenOf(meta).map(children -> {
            Map<ObjectNode, List<DocMeta.LinkValue>> links = new LinkedHashMap<>();
            for (ObjectNode document : documents) {
                links.put(document, meta.linkValues(document, children).stream()
                        .filter(link -> policy.isOwnedMaster(config.site(), link.doctype())).toList());
            }
            return links;
        }));
    }

    /** External IDs of the documents and of every dependency they link to, assigned at first sight. */
    Uni<Map<IdentityKey, UUID>> identify(String doctype, Map<ObjectNode, List<DocMeta.LinkValue>> links,
            Map<String, String> traces) {
        Set<IdentityKey> keys = new LinkedHashSet<>();
        links.forEach((document, values) -> {
            keys.add(new IdentityKey(config.site(), doctype, document.path("name").asText()));
            values.forEach(link -> keys.add(new IdentityKey(config.site(), link.doctype(), link.value())));
        });
        Span span = tracing.startBatch("identify", SpanKind.CLIENT, links.keySet().stream()
                .map(document -> traces.get(document.path("name").asText())).toList());
        return SyncTraces.endWith(span, identities.resolve(List.copyOf(keys), true, SyncTraces.traceparent(span)))
                .map(response -> {
                    Map<IdentityKey, UUID> ids = new HashMap<>();
                    for (ResolveResult result : response.results()) {
                        ids.put(new IdentityKey(result.site(), result.doctype(), result.localName()), result.externalId());
                    }
                    return ids;
                });
    }

    private Uni<Void> plan(CaptureChain chain, String doctype, Map<ObjectNode, List<DocMeta.LinkValue>> links,
            Map<IdentityKey, UUID> ids, Decided decided, Map<String, String> traces) {
        List<EnvelopePlanner.Candidate> candidates = candidates(doctype, links, ids, decided, traces);
        return outbox.sentHashes(candidates.stream().map(EnvelopePlanner.Candidate::externalId).toList())
                .flatMap(sent -> zone.current().flatMap(siteZone -> {
                    EnvelopePlanner.Plan plan = new EnvelopePlanner(config.site(), decided.policyVersion(), siteZone,
                            Instant.now()).plan(doctype, candidates,
                                    (externalId, consumer) -> sent.get(new Outbox.SentKey(externalId, consumer)));
                    return queue.queue(chain.leaseOf(doctype).orElseThrow(), plan.envelopes(), plan.audit())
                            .invoke(() -> {
                                metrics.envelopes("queued", doctype, plan.envelopes().size());
                                metrics.envelopes("unchanged", doctype, plan.unchanged());
                            });
                }));
    }

    /** What the planner needs of each document: its external ID, its decision and its dependencies' IDs. */
    List<EnvelopePlanner.Candidate> candidates(String doctype, Map<ObjectNode, List<DocMeta.LinkValue>> links,
            Map<IdentityKey, UUID> ids, Decided decided, Map<String, String> traces) {
        List<EnvelopePlanner.Candidate> candidates = new ArrayList<>();
        links.forEach((document, values) -> {
            String name = document.path("name").asText();
            candidates.add(new EnvelopePlanner.Candidate(document, ids.get(new IdentityKey(config.site(), doctype, name)),
                    decided.decisions().get(document), values.stream().map(link -> new ChangeEnvelope.LinkDependency(
                            link.path(), link.doctype(), ids.get(new IdentityKey(config.site(), link.doctype(),
                                    link.value()))))
                            .toList(),
                    traces.get(name)));
        });
        return candidates;
    }

    private static Map<String, String> untraced(List<String> names) {
        Map<String, String> traces = new LinkedHashMap<>();
        names.forEach(name -> traces.put(name, null));
        return traces;
    }
}
