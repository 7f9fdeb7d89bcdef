package dev.sitesync.worker.source;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.Operation;
import dev.sitesync.contracts.ownership.RefusalReason;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.OwnershipClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.ContentHash;
import dev.sitesync.worker.domain.DocMeta;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SyncLog;
import dev.sitesync.worker.target.Applier;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * The source side's one pipeline, fed by webhooks, polling and full syncs alike: read the current documents (a
 * webhook is only a hint), ask ownership-service, identify, hash, and queue one envelope per consumer whose copy
 * differs. Dependencies this site owns are queued before the documents that link to them.
 */
@ApplicationScoped
public class SourcePipeline {

    private static final Logger LOG = Logger.getLogger(SourcePipeline.class);
    private static final int READ_CONCURRENCY = 8;
    private static final int MAX_DEPENDENCY_DEPTH = 3;
    /** The content hash of a deletion: no document's content hashes to it. */
    static final String DELETED_HASH = ContentHash.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode().put("__deleted__", true));

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final MetaCache metas;
    private final OwnershipClient ownership;
    private final IdentityClient identities;
    private final Outbox outbox;
    private final SyncLog log;
    private final Pool pool;
    private final WorkerMetrics metrics;
    private final Deliverer deliverer;
    private final SyncTraces tracing;
    private volatile String syncUser;

    public SourcePipeline(WorkerConfig config, FrappeClient site, PolicyCache policies, MetaCache metas,
            OwnershipClient ownership, IdentityClient identities, Outbox outbox, SyncLog log, Pool pool,
            WorkerMetrics metrics, Deliverer deliverer, SyncTraces tracing) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.metas = metas;
        this.ownership = ownership;
        this.identities = identities;
        this.outbox = outbox;
        this.log = log;
        this.pool = pool;
        this.metrics = metrics;
        this.deliverer = deliverer;
        this.tracing = tracing;
    }

    /** Captures the current state of these documents of one doctype, each in a trace of its own. */
    public Uni<Void> capture(String doctype, List<String> names) {
        return capture(doctype, untraced(names), 0);
    }

    /** Captures these documents of one doctype, each in the trace of its traceparent (a trace of its own if null). */
    public Uni<Void> capture(String doctype, Map<String, String> traces) {
        return capture(doctype, traces, 0);
    }

    private Uni<Void> capture(String doctype, Map<String, String> traces, int depth) {
        List<String> distinct = List.copyOf(traces.keySet());
        Map<String, Span> spans = new LinkedHashMap<>();
        traces.forEach((name, parent) -> spans.put(name, traces(name, parent, doctype)));
        Map<String, String> captured = new HashMap<>();
        spans.forEach((name, span) -> captured.put(name, SyncTraces.traceparent(span)));
        Uni<Void> work = policies.current().flatMap(policy -> {
            if (!policy.isCaptured(doctype)) {
                // ledgers and unknown doctypes are not even read
                return refuseUnread(policy, doctype, distinct, captured);
            }
            return read(doctype, distinct).flatMap(this::withoutOwnWrites).flatMap(documents -> {
                if (documents.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                if (policy.referenceOnly().contains(doctype)) {
                    return registerReferences(doctype, documents, captured);
                }
                return decide(policy, doctype, documents, captured)
                        .flatMap(decided -> send(policy, doctype, decided, depth, captured));
            });
        });
        return work.onItemOrFailure().invoke((x, failure) -> spans.values().forEach(span -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }));
    }

    private Span traces(String name, String parent, String doctype) {
        return tracing.start("capture", SpanKind.INTERNAL, parent).setAttribute(SyncTraces.SITE, config.site())
                .setAttribute(SyncTraces.DOCTYPE, doctype).setAttribute("sitesync.name", name);
    }

    /** Who this worker is on its site; read once it succeeds. */
    private Uni<String> syncUser() {
        String known = syncUser;
        return known != null ? Uni.createFrom().item(known) : site.loggedUser().invoke(user -> syncUser = user);
    }

    /** Asks ownership-service about documents of a doctype the policy does not let out, and records its refusal. */
    private Uni<Void> refuseUnread(SyncPolicy policy, String doctype, List<String> names, Map<String, String> traces) {
        Span span = tracing.startBatch("decide", SpanKind.CLIENT, names.stream().map(traces::get).toList());
        return SyncTraces.endWith(span, ownership.decide(List.of(new DecisionItem(config.site(), doctype, Map.of(),
                Operation.UPSERT)), SyncTraces.traceparent(span)))
                .flatMap(response -> {
                    Decision decision = response.decisions().get(0);
                    List<AuditEntry> refusals = names.stream()
                            .map(name -> refusal(doctype, name, null, decision).inTrace(traces.get(name))).toList();
                    // each webhook event is taken once (replays are dropped at intake), so each refusal here is new
                    return log.append(refusals).invoke(() -> refusals.forEach(entry -> announce(entry,
                            policy.classifies(doctype) ? doctype : "unclassified")));
                });
    }

    /** Counts and warns about a refusal once it is recorded for the first time, not at every re-read. */
    private void announce(AuditEntry refusal, String doctypeTag) {
        metrics.envelope(refusal.status().name().toLowerCase(), doctypeTag);
        SyncTraces.logFor(refusal.externalId(), refusal.traceId(), () -> LOG.warnf("%s %s '%s' not sent: %s", refusal.status(),
                refusal.doctype(), refusal.localName(), refusal.detail()));
    }

    /**
     * Drops documents whose current {@code modified} is the one our own last write produced: the applier's writes
     * come back through webhooks and polls, and must not be taken for local edits (nor echo back).
     */
    private Uni<List<ObjectNode>> withoutOwnWrites(List<ObjectNode> documents) {
        return syncUser().flatMap(user -> {
            // the applier writes as the site's sync user, and only it does
            List<ObjectNode> others = documents.stream().filter(d -> !user.equals(d.path("modified_by").asText()))
                    .toList();
            List<UUID> ids = others.stream().filter(d -> d.hasNonNull(Applier.EXTERNAL_ID_FIELD))
                    .map(d -> UUID.fromString(d.get(Applier.EXTERNAL_ID_FIELD).asText())).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(others);
            }
            return pool.preparedQuery("select external_id, written_modified from doc_state where external_id = any($1)")
                    .execute(Tuple.of(ids.toArray(UUID[]::new)))
                    .map(rows -> {
                        Map<String, String> written = new HashMap<>();
                        rows.forEach(row -> written.put(row.getUUID("external_id").toString(),
                                row.getString("written_modified")));
                        return others.stream().filter(d -> !d.path("modified").asText()
                                .equals(written.get(d.path(Applier.EXTERNAL_ID_FIELD).asText()))).toList();
                    });
        });
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

    private record Decided(ObjectNode document, Decision decision) {
    }

    private Uni<List<Decided>> decide(SyncPolicy policy, String doctype, List<ObjectNode> documents,
            Map<String, String> traces) {
        Optional<String> scopeField = policy.scopeField(doctype);
        List<DecisionItem> items = documents.stream().map(document -> new DecisionItem(config.site(), doctype,
                scopeField.map(field -> Map.of(field, document.path(field).asText(""))).orElse(Map.of()),
                Operation.UPSERT)).toList();
        // one question per distinct scope: a page of Items shares a single decision
        List<DecisionItem> distinct = List.copyOf(new LinkedHashSet<>(items));
        Span span = tracing.startBatch("decide", SpanKind.CLIENT, documents.stream()
                .map(document -> traces.get(document.path("name").asText())).toList());
        return SyncTraces.endWith(span, ownership.decide(distinct, SyncTraces.traceparent(span))).map(response -> {
            policies.seen(response.policyVersion());
            Map<DecisionItem, Decision> byItem = new HashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                byItem.put(distinct.get(i), response.decisions().get(i));
            }
            List<Decided> decided = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                decided.add(new Decided(documents.get(i), byItem.get(items.get(i))));
            }
            return decided;
        });
    }

    private Uni<Void> send(SyncPolicy policy, String doctype, List<Decided> decided, int depth,
            Map<String, String> traces) {
        List<AuditEntry> audit = new ArrayList<>();
        List<ObjectNode> allowed = new ArrayList<>();
        List<ObjectNode> references = new ArrayList<>();
        Map<ObjectNode, Decision> decisions = new HashMap<>();
        for (Decided entry : decided) {
            Decision decision = entry.decision();
            if (decision.outcome() == Decision.Outcome.ALLOW) {
                allowed.add(entry.document());
                decisions.put(entry.document(), decision);
            } else if (decision.reason() == RefusalReason.REFERENCE_ONLY) {
                references.add(entry.document());
            } else {
                audit.add(refusal(doctype, entry.document().path("name").asText(),
                        entry.document().path("modified").asText(), decision)
                        .inTrace(traces.get(entry.document().path("name").asText())));
            }
        }
        Uni<Void> refused = audit.isEmpty()
                ? Uni.createFrom().voidItem()
                : notYetLogged(doctype, audit).flatMap(fresh -> log.append(fresh)
                        .invoke(() -> fresh.forEach(entry -> announce(entry, doctype))));
        Uni<Void> referenced = references.isEmpty()
                ? Uni.createFrom().voidItem()
                : registerReferences(doctype, references, traces);
        if (allowed.isEmpty()) {
            return refused.flatMap(x -> referenced);
        }
        return refused.flatMap(x -> referenced).flatMap(x -> metas.of(doctype))
                .flatMap(meta -> metas.childrenOf(meta).flatMap(children -> {
                    Map<ObjectNode, List<DocMeta.LinkValue>> dependencies = new LinkedHashMap<>();
                    for (ObjectNode document : allowed) {
                        dependencies.put(document, meta.linkValues(document, children).stream()
                                .filter(link -> policy.isOwnedMaster(config.site(), link.doctype())).toList());
                    }
                    return identify(doctype, dependencies, traces).flatMap(ids -> sendDependenciesFirst(dependencies,
                            ids, decisions, depth).flatMap(x -> queue(doctype, dependencies, ids, decisions, traces)));
                }));
    }

    private AuditEntry refusal(String doctype, String name, String modified, Decision decision) {
        SyncStatus status = decision.reason() == RefusalReason.OWNERSHIP_VIOLATION
                ? SyncStatus.OWNERSHIP_VIOLATION
                : SyncStatus.REFUSED;
        return new AuditEntry(Instant.now(), null, config.site(), null, doctype, name, modified, null, status, 0,
                decision.reason() + ": " + decision.detail());
    }

    /** Refusals not recorded before: a document re-read by the overlap window or a full sync is logged once. */
    private Uni<List<AuditEntry>> notYetLogged(String doctype, List<AuditEntry> refusals) {
        return alreadyLogged(doctype, refusals.stream().map(AuditEntry::localName).toList(), "REFUSED",
                "OWNERSHIP_VIOLATION").map(
                        logged -> refusals.stream()
                                .filter(entry -> !logged
                                        .contains(key(entry.localName(), entry.version(), entry.status().name())))
                                .toList());
    }

    /** The (name, version, status) keys the sync log already holds for these documents. */
    private Uni<Set<String>> alreadyLogged(String doctype, List<String> names, String... statuses) {
        return pool.preparedQuery("""
                select local_name, version, status from sync_log
                 where doctype = $1 and local_name = any($2) and status = any($3)""")
                .execute(Tuple.of(doctype, names.toArray(String[]::new), statuses))
                .map(rows -> {
                    Set<String> logged = new HashSet<>();
                    rows.forEach(row -> logged.add(key(row.getString("local_name"), row.getString("version"),
                            row.getString("status"))));
                    return logged;
                });
    }

    private static String key(String name, String version, String status) {
        return name + "|" + version + "|" + status;
    }

    /** External IDs of the documents and of every dependency they link to, assigned at first sight. */
    private Uni<Map<IdentityKey, UUID>> identify(String doctype, Map<ObjectNode, List<DocMeta.LinkValue>> dependencies,
            Map<String, String> traces) {
        Set<IdentityKey> keys = new LinkedHashSet<>();
        dependencies.forEach((document, links) -> {
            keys.add(new IdentityKey(config.site(), doctype, document.path("name").asText()));
            links.forEach(link -> keys.add(new IdentityKey(config.site(), link.doctype(), link.value())));
        });
        Span span = tracing.startBatch("identify", SpanKind.CLIENT, dependencies.keySet().stream()
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

    /** Captures (first) every dependency some target has not received yet, so it is queued before its dependants. */
    private Uni<Void> sendDependenciesFirst(Map<ObjectNode, List<DocMeta.LinkValue>> dependencies,
            Map<IdentityKey, UUID> ids, Map<ObjectNode, Decision> decisions, int depth) {
        if (depth >= MAX_DEPENDENCY_DEPTH) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, DocMeta.LinkValue> needed = new LinkedHashMap<>();
        Set<String> targets = new LinkedHashSet<>();
        dependencies.forEach((document, links) -> {
            decisions.get(document).targets().forEach(target -> targets.add(target.site()));
            links.forEach(link -> needed.put(ids.get(new IdentityKey(config.site(), link.doctype(), link.value())), link));
        });
        if (needed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.sentHashes(List.copyOf(needed.keySet())).flatMap(sent -> {
            Map<String, List<String>> missingByDoctype = new LinkedHashMap<>();
            needed.forEach((externalId, link) -> {
                boolean everywhere = targets.stream().allMatch(t -> sent.containsKey(new Outbox.SentKey(externalId, t)));
                if (!everywhere) {
                    missingByDoctype.computeIfAbsent(link.doctype(), d -> new ArrayList<>()).add(link.value());
                }
            });
            return Multi.createFrom().iterable(missingByDoctype.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> capture(e.getKey(), untraced(e.getValue()), depth + 1))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> queue(String doctype, Map<ObjectNode, List<DocMeta.LinkValue>> dependencies,
            Map<IdentityKey, UUID> ids, Map<ObjectNode, Decision> decisions, Map<String, String> traces) {
        List<UUID> externalIds = dependencies.keySet().stream()
                .map(document -> ids.get(new IdentityKey(config.site(), doctype, document.path("name").asText()))).toList();
        return outbox.sentHashes(externalIds).flatMap(sent -> {
            List<ChangeEnvelope> envelopes = new ArrayList<>();
            List<AuditEntry> audit = new ArrayList<>();
            dependencies.forEach((document, links) -> {
                String name = document.path("name").asText();
                UUID externalId = ids.get(new IdentityKey(config.site(), doctype, name));
                Decision decision = decisions.get(document);
                for (Decision.Target target : decision.targets()) {
                    ObjectNode payload = ContentHash.normalize(document);
                    if (target.excludeFields() != null) {
                        payload.remove(target.excludeFields());
                    }
                    String hash = ContentHash.of(payload);
                    if (hash.equals(sent.get(new Outbox.SentKey(externalId, target.site())))) {
                        metrics.envelope("unchanged", doctype);
                        continue;
                    }
                    envelopes.add(new ChangeEnvelope(externalId, doctype, config.site(), name, target.site(),
                            document.path("modified").asText(), hash, ChangeEnvelope.Operation.UPSERT, payload,
                            target.localFields(), links.stream().map(link -> new ChangeEnvelope.LinkDependency(link.path(),
                                    link.doctype(), ids.get(new IdentityKey(config.site(), link.doctype(), link.value()))))
                                    .toList(),
                            0, changedAt(document.path("modified").asText()), traces.get(name), null));
                    audit.add(new AuditEntry(Instant.now(), externalId, config.site(), target.site(), doctype, name,
                            document.path("modified").asText(), hash, SyncStatus.QUEUED, 0, null).inTrace(traces.get(name)));
                    metrics.envelope("queued", doctype);
                }
            });
            if (envelopes.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return pool.withTransaction(connection -> outbox.queue(connection, envelopes)
                    .flatMap(x -> log.append(connection, audit))).invoke(deliverer::nudge);
        });
    }

    /**
     * Deletes, captured from {@code Deleted Document} rows: each consumer that received the document gets a DELETE
     * envelope (it disables its copy). Documents never synchronized have no external ID and are skipped.
     */
    public Uni<Void> captureDeletes(List<ObjectNode> deletedDocuments) {
        return policies.current().flatMap(policy -> {
            List<ObjectNode> owned = deletedDocuments.stream()
                    .filter(row -> policy.isOwnedMaster(config.site(), row.path("deleted_doctype").asText())).toList();
            if (owned.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<IdentityKey> keys = owned.stream().map(row -> new IdentityKey(config.site(),
                    row.path("deleted_doctype").asText(), row.path("deleted_name").asText())).toList();
            return identities.resolve(keys, false).flatMap(resolved -> {
                List<ResolveResult> known = resolved.results().stream().filter(r -> r.externalId() != null).toList();
                if (known.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                return outbox.sentHashes(known.stream().map(ResolveResult::externalId).toList()).flatMap(sent -> {
                    List<ChangeEnvelope> envelopes = new ArrayList<>();
                    List<AuditEntry> audit = new ArrayList<>();
                    for (int i = 0; i < owned.size(); i++) {
                        ResolveResult identity = resolved.results().get(i);
                        if (identity.externalId() == null) {
                            continue;
                        }
                        String version = owned.get(i).path("modified").asText();
                        for (Outbox.SentKey key : sent.keySet()) {
                            if (key.externalId().equals(identity.externalId()) && !DELETED_HASH.equals(sent.get(key))) {
                                envelopes.add(new ChangeEnvelope(identity.externalId(), identity.doctype(), config.site(),
                                        identity.localName(), key.consumer(), version, DELETED_HASH,
                                        ChangeEnvelope.Operation.DELETE, null, List.of(), List.of(), 0,
                                        changedAt(version), null, null));
                                audit.add(new AuditEntry(Instant.now(), identity.externalId(), config.site(),
                                        key.consumer(), identity.doctype(), identity.localName(), version, DELETED_HASH,
                                        SyncStatus.QUEUED, 0, "delete"));
                            }
                        }
                    }
                    return envelopes.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : pool.withTransaction(connection -> outbox.queue(connection, envelopes)
                                    .flatMap(x -> log.append(connection, audit))).invoke(deliverer::nudge);
                });
            });
        });
    }

    /** REFERENCE_ONLY documents: their state goes to identity-service, nothing to any site. */
    private Uni<Void> registerReferences(String doctype, List<ObjectNode> documents, Map<String, String> traces) {
        return alreadyLogged(doctype, documents.stream().map(d -> d.path("name").asText()).toList(), "REFERENCED")
                .flatMap(logged -> registerNew(doctype, documents.stream().filter(d -> !logged.contains(
                        key(d.path("name").asText(), d.path("modified").asText(), "REFERENCED"))).toList(), traces));
    }

    private Uni<Void> registerNew(String doctype, List<ObjectNode> documents, Map<String, String> traces) {
        if (documents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(documents).onItem().transformToUni(document -> {
            String name = document.path("name").asText();
            ReferenceRequest state = new ReferenceRequest(text(document, "status"),
                    document.hasNonNull("docstatus") ? document.get("docstatus").asInt() : null,
                    document.hasNonNull("grand_total") ? document.get("grand_total").decimalValue() : null,
                    text(document, "currency"), document.path("modified").asText());
            return identities.reference(config.site(), doctype, name, state)
                    .flatMap(view -> log.append(new AuditEntry(Instant.now(), view.externalId(), config.site(), null,
                            doctype, name, state.modified(), null, SyncStatus.REFERENCED, 0, state.status())
                            .inTrace(traces.get(name))));
        }).merge(READ_CONCURRENCY).collect().last().replaceWithVoid();
    }

    private static Map<String, String> untraced(List<String> names) {
        Map<String, String> traces = new LinkedHashMap<>();
        names.forEach(name -> traces.put(name, null));
        return traces;
    }

    /** The source's modified as an instant, for consumers' lag and latency; unknown when it does not parse. */
    private OffsetDateTime changedAt(String modified) {
        try {
            return FrappeDateTimes.toInstant(modified, ZoneId.of(config.frappe().timeZone())).atOffset(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode document, String field) {
        return document.hasNonNull(field) ? document.get(field).asText() : null;
    }
}
