package dev.sitesync.worker.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.Manifest;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.CopyComparison;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.source.OffPeak;
import dev.sitesync.worker.store.Reconciliations;
import dev.sitesync.worker.store.Reconciliations.Finding;
import dev.sitesync.worker.store.Reconciliations.Run;

/**
 * Anti-entropy on the consumer's side: the owner's worker pages its documents of a doctype as this site should hold
 * them ({@link Manifest}), and this worker compares each page with the copies its site really holds, by external ID
 * and content ({@link CopyComparison}), not with what its bookkeeping believes. Copies its bookkeeping names that the
 * owner did not show are extra. The comparison runs here because only this worker may read this site, and the
 * repair is this site's to ask for: it alone knows that its copy is gone or changed.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final PeerClient peers;
    private final SiteCopies copies;
    private final Reconciliations store;
    private final ReconciliationGauges gauges;
    private final OffPeak offPeak;
    private final Repairs repairs;

    public Reconciler(WorkerConfig config, PolicyCache policies, PeerClient peers, SiteCopies copies,
            Reconciliations store, ReconciliationGauges gauges, OffPeak offPeak, Repairs repairs) {
        this.config = config;
        this.policies = policies;
        this.peers = peers;
        this.copies = copies;
        this.store = store;
        this.gauges = gauges;
        this.offPeak = offPeak;
        this.repairs = repairs;
    }

    /** One doctype this site receives from one of its owners. */
    private record Scope(String owner, String doctype) {
    }

    /** Every doctype this site receives, with each of its owners, one after another, in the batch window. */
    @Scheduled(every = "${sitesync.worker.reconcile.interval}", delayed = "${sitesync.worker.reconcile.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return offPeak.batchWindowOpen().flatMap(open -> open ? reconcileAll() : Uni.createFrom().voidItem());
    }

    private Uni<Void> reconcileAll() {
        return policies.current().flatMap(policy -> {
            List<Scope> scopes = new ArrayList<>();
            policy.receivedMasters(config.site()).forEach(doctype -> policy.ownersOf(doctype).stream()
                    .filter(owner -> !owner.equals(config.site()))
                    .forEach(owner -> scopes.add(new Scope(owner, doctype))));
            return Multi.createFrom().iterable(scopes)
                    .onItem()
                    .transformToUniAndConcatenate(scope -> store.begin(scope.owner(), scope.doctype(), "", "schedule", null,
                            config.reconcile().abandonedAfter())
                            .flatMap(run -> run.map(this::run).orElse(Uni.createFrom().nullItem()))
                            .onFailure().recoverWithNull())
                    .collect().last().replaceWithVoid();
        }).onFailure().invoke(e -> LOG.warnf("Scheduled reconciliations failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Starts a reconciliation of the owner's documents of the doctype (those whose name starts with the prefix, all
     * when empty) and answers it as started; it runs on. 409 when one of that scope is running.
     */
    public Uni<Run> start(String source, String doctype, String namePrefix, String actor) {
        return begin(source, doctype, namePrefix, "operator", actor, null);
    }

    /**
     * The owner's full sync, on this consumer: a reconciliation of the whole doctype with it whose findings are
     * repaired as soon as it ends, so the full sync compares with what this site holds, not with what was sent.
     */
    public Uni<Run> fullSync(String owner, String doctype) {
        return begin(owner, doctype, "", "full-sync", "full sync of " + owner,
                "the full sync of " + doctype + " " + owner + " started");
    }

    private Uni<Run> begin(String source, String doctype, String namePrefix, String cause, String actor,
            String repairReason) {
        return policies.current().flatMap(policy -> {
            if (source.equals(config.site()) || !policy.receivedMasters(config.site()).contains(doctype)
                    || !policy.ownersOf(doctype).contains(source)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, config.site() + " does not receive " + doctype
                        + " from " + source + " under the policy, so there is nothing of it to reconcile here. Owners of "
                        + doctype + ": " + policy.ownersOf(doctype) + "; reconcile on a consumer's worker.");
            }
            return store.begin(source, doctype, namePrefix, cause, actor, config.reconcile().abandonedAfter());
        }).flatMap(started -> {
            if (started.isEmpty()) {
                return store.running(source, doctype, namePrefix).map(running -> {
                    throw new ProblemException(ProblemType.CONFLICT, "A reconciliation of " + doctype + " from "
                            + source + (namePrefix.isEmpty() ? "" : " (names starting '" + namePrefix + "')")
                            + " is running" + running.map(r -> " (#" + r.id() + ")").orElse("")
                            + "; read its report when it ends, then start another.");
                });
            }
            Run run = started.get();
            run(run).flatMap(ended -> repairReason == null || !"DONE".equals(ended.status())
                    ? Uni.createFrom().voidItem()
                    : repairs.repair(ended.id(), actor, repairReason).replaceWithVoid())
                    .subscribe().with(x -> {
                    }, e -> LOG.warnf("Reconciliation #%d failed: %s", run.id(), e.getMessage()));
            return Uni.createFrom().item(run);
        });
    }

    /** Runs to the end: every page of the owner's manifest, then the extra copies; ends FAILED on an error. */
    private Uni<Run> run(Run run) {
        return pages(run, null).flatMap(x -> run.namePrefix().isEmpty() ? extras(run, null) : Uni.createFrom().voidItem())
                .flatMap(x -> store.get(run.id()).map(Optional::orElseThrow))
                .flatMap(counted -> store.end(run.id(), null, entry(counted)))
                .onFailure().recoverWithUni(e -> store.end(run.id(), "the reconciliation stopped: " + e.getMessage(),
                        null))
                .invoke(ended -> {
                    if (ended.namePrefix().isEmpty() && "DONE".equals(ended.status())) {
                        gauges.record(ended);
                    }
                    LOG.infof("Reconciliation #%d of %s from %s: %s, %d compared, %d missing, %d stale, %d extra, "
                            + "%d duplicated", ended.id(), ended.doctype(), ended.source(), ended.status(),
                            ended.compared(), ended.missing(), ended.stale(), ended.extra(), ended.duplicated());
                });
    }

    private Uni<Void> pages(Run run, String after) {
        return peers.manifest(run.source(), run.doctype(), after, run.namePrefix(), Manifest.MAX_PAGE)
                .flatMap(page -> copies.compare(run.doctype(), page).flatMap(progress -> store.progress(run.id(), progress))
                        .flatMap(x -> page.next() == null ? Uni.createFrom().voidItem() : pages(run, page.next())));
    }

    /** Copies this site's bookkeeping holds of the owner's documents that the owner did not show, page by page. */
    private Uni<Void> extras(Run run, UUID after) {
        return store.unseen(run.id(), run.source(), run.doctype(), after, Manifest.MAX_PAGE).flatMap(candidates -> {
            if (candidates.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return copies.copies(run.doctype(), candidates.stream().map(c -> c.externalId().toString()).toList())
                    .flatMap(found -> {
                        List<Finding> findings = new ArrayList<>();
                        for (Reconciliations.Copy candidate : candidates) {
                            List<String> names = found.getOrDefault(candidate.externalId().toString(), List.of());
                            if (!names.isEmpty()) {
                                findings.add(new Finding(0, CopyComparison.Kind.EXTRA.name(), candidate.externalId(),
                                        null, String.join(", ", names), null, null, String.join(" and ", names)
                                                + " on " + config.site() + " carries a document " + run.source()
                                                + " does not have (deleted there without the delete reaching "
                                                + config.site() + "?); decide whether to keep it, nothing removes it",
                                        null, null));
                            }
                        }
                        return store.progress(run.id(), new Reconciliations.Progress(findings, Set.of(), 0, 0, 0));
                    })
                    .flatMap(x -> candidates.size() < Manifest.MAX_PAGE
                            ? Uni.createFrom().voidItem()
                            : extras(run, candidates.get(candidates.size() - 1).externalId()));
        });
    }

    private AuditEntry entry(Run run) {
        return new AuditEntry(Instant.now(), null, run.source(), config.site(), run.doctype(), null, null, null,
                SyncStatus.RECONCILED, 0, "reconciliation #" + run.id() + ": " + run.compared() + " compared, "
                        + run.inSync() + " in sync, " + run.missing() + " missing, " + run.stale() + " stale, "
                        + run.extra() + " extra, " + run.duplicated() + " duplicated"
                        + (run.requestedBy() == null ? "" : " (started by " + run.requestedBy() + ")"));
    }
}
