package dev.sitesync.worker.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.client.Manifest;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.client.ReconcileReads;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.EnvelopePlanner;
import dev.sitesync.worker.domain.SyncPolicy;

/**
 * The owner's side of a reconciliation: a page of this site's documents of a doctype, in name order, as one consumer
 * should hold them now. Each document is read, decided and planned as capture would (same decision, same payload and
 * content hash for that consumer), but never compared with what was sent before and never queued: the consumer's
 * worker compares it with its own site.
 */
@ApplicationScoped
public class Manifests {

    private static final int READ_CONCURRENCY = 4;

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final IdentityClient identities;
    private final SiteZone zone;
    private final SourcePipeline pipeline;
    private final ReconcileReads reads;

    public Manifests(WorkerConfig config, FrappeClient site, PolicyCache policies, IdentityClient identities, SiteZone zone,
            SourcePipeline pipeline, ReconcileReads reads) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.identities = identities;
        this.zone = zone;
        this.pipeline = pipeline;
        this.reads = reads;
    }

    public Uni<Manifest.Page> page(Manifest.Request request) {
        return policies.current().flatMap(policy -> {
            if (!policy.ownedMasters(config.site()).contains(request.doctype())) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "Site " + config.site() + " owns no "
                        + request.doctype() + " as a master, so it has no manifest of it; reconcile with its owner: "
                        + policy.ownersOf(request.doctype()) + ".");
            }
            List<Filter> filters = new ArrayList<>();
            if (request.after() != null) {
                filters.add(Filter.gt("name", request.after()));
            }
            if (request.namePrefix() != null && !request.namePrefix().isEmpty()) {
                filters.add(Filter.like("name", request.namePrefix().replace("%", "\\%") + "%"));
            }
            ListQuery names = ListQuery.of(request.doctype()).fields("name").where(filters.toArray(Filter[]::new))
                    .orderBy("name asc").limit(0, request.limit());
            return reads.permit().flatMap(x -> site.list(names)).flatMap(rows -> {
                String next = rows.size() < request.limit() ? null : rows.get(rows.size() - 1).path("name").asText();
                return read(request.doctype(), rows.stream().map(row -> row.path("name").asText()).toList())
                        .flatMap(documents -> documents.isEmpty()
                                ? Uni.createFrom().item(new Manifest.Page(List.of(), List.of(), next))
                                : plan(policy, request, documents, next));
            });
        });
    }

    private Uni<List<ObjectNode>> read(String doctype, List<String> names) {
        return Multi.createFrom().iterable(names)
                .onItem().transformToUni(name -> reads.permit().flatMap(x -> site.get(doctype, name))
                        .map(Optional::of)
                        .onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.NOT_FOUND)
                        .recoverWithItem(Optional.empty()))
                .merge(READ_CONCURRENCY)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    private Uni<Manifest.Page> plan(SyncPolicy policy, Manifest.Request request, List<ObjectNode> documents,
            String next) {
        String doctype = request.doctype();
        return pipeline.decide(doctype, policy, documents, Map.of()).flatMap(decided -> {
            List<ObjectNode> sent = new ArrayList<>();
            List<ObjectNode> withheld = new ArrayList<>();
            for (ObjectNode document : documents) {
                Decision decision = decided.decisions().get(document);
                boolean toConsumer = decision.outcome() == Decision.Outcome.ALLOW
                        && decision.targets().stream().anyMatch(t -> t.site().equals(request.consumer()));
                (toConsumer ? sent : withheld).add(document);
            }
            Uni<List<EnvelopePlanner.Candidate>> candidates = sent.isEmpty()
                    ? Uni.createFrom().item(List.of())
                    : pipeline.ownedLinks(policy, doctype, sent).flatMap(links -> pipeline.identify(doctype, links,
                            Map.of()).map(ids -> pipeline.candidates(doctype, links, ids, decided, Map.of())));
            return candidates
                    .flatMap(planned -> withheldIds(doctype, withheld).flatMap(withheldIds -> zone.current().map(
                            siteZone -> {
                                EnvelopePlanner planner = new EnvelopePlanner(config.site(), decided.policyVersion(), siteZone,
                                        Instant.now());
                                List<ChangeEnvelope> envelopes = planner.plan(doctype, planned,
                                        (externalId, consumer) -> null).envelopes().stream()
                                        .filter(envelope -> envelope.targetSite().equals(request.consumer())).toList();
                                return new Manifest.Page(envelopes, withheldIds, next);
                            })));
        });
    }

    /** The external IDs the withheld documents have, if they have one (none is assigned for them). */
    private Uni<List<UUID>> withheldIds(String doctype, List<ObjectNode> documents) {
        if (documents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<IdentityKey> keys = documents.stream()
                .map(document -> new IdentityKey(config.site(), doctype, document.path("name").asText())).toList();
        return identities.resolve(keys, false).map(response -> response.results().stream()
                .map(ResolveResult::externalId).filter(id -> id != null).toList());
    }
}
