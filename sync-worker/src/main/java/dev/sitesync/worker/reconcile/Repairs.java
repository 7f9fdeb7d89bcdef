package dev.sitesync.worker.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.Reconciliations;
import dev.sitesync.worker.store.Reconciliations.Finding;
import dev.sitesync.worker.store.Reconciliations.Run;

/**
 * Repairs what a reconciliation found missing or stale through the normal pipeline: this site's bookkeeping forgets
 * that the document is applied (so it is applied again, also from an envelope the inbox holds already), and the
 * owner's worker is asked to send it again (it reads it afresh and queues it as if it had never been sent). Each
 * request is in the sync log with who asked and why; asking twice writes the same content twice. Extra and duplicated
 * copies are left to an operator: nothing here removes a document. A document with an open conflict is left to its
 * resolution, and one whose copy an operator kept over this version of the owner's ({@code keep-target}) stays kept.
 */
@ApplicationScoped
public class Repairs {

    private static final Logger LOG = Logger.getLogger(Repairs.class);
    private static final int PAGE = 200;
    private static final int RESEND_CONCURRENCY = 4;

    private final WorkerConfig config;
    private final Reconciliations store;
    private final PeerClient peers;

    public Repairs(WorkerConfig config, Reconciliations store, PeerClient peers) {
        this.config = config;
        this.store = store;
        this.peers = peers;
    }

    /**
     * @param requested documents the owner was asked to send again
     * @param leftInConflict documents with an open conflict, left to its resolution
     * @param keptByOperators documents whose copy an operator kept over this version of the owner's (keep-target)
     * @param failed documents the owner could not be asked for (its worker away): repair again later
     */
    public record Result(long reconciliation, int requested, int leftInConflict, int keptByOperators, int failed) {
    }

    public Uni<Result> repair(long id, String actor, String reason) {
        return store.get(id).flatMap(found -> {
            Run run = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No reconciliation #" + id
                    + " on " + config.site() + "; GET /ops/v1/reconciliations lists them."));
            if (!"DONE".equals(run.status())) {
                throw new ProblemException(ProblemType.CONFLICT, "Reconciliation #" + id + " is " + run.status()
                        + "; repair what a finished one found (start another if this one failed).");
            }
            return repairFrom(run, actor, reason, 0, new Result(id, 0, 0, 0, 0));
        });
    }

    private Uni<Result> repairFrom(Run run, String actor, String reason, long after, Result sofar) {
        return store.findings(run.id(), null, after, PAGE).flatMap(page -> {
            List<Finding> repairable = page.stream()
                    .filter(f -> "MISSING".equals(f.kind()) || "STALE".equals(f.kind())).toList();
            Uni<Result> done = repairable.isEmpty()
                    ? Uni.createFrom().item(sofar)
                    : repairPage(run, actor, reason, repairable, sofar);
            return page.size() < PAGE
                    ? done
                    : done.flatMap(result -> repairFrom(run, actor, reason, page.get(page.size() - 1).id(), result));
        });
    }

    private Uni<Result> repairPage(Run run, String actor, String reason, List<Finding> findings, Result sofar) {
        List<UUID> ids = findings.stream().map(Finding::externalId).toList();
        return store.inConflict(ids).flatMap(conflicted -> store.keptTargets(findings).flatMap(kept -> {
            List<Finding> asked = findings.stream()
                    .filter(f -> !conflicted.contains(f.externalId()) && !kept.contains(f.externalId())).toList();
            List<AuditEntry> entries = new ArrayList<>();
            asked.forEach(f -> entries.add(new AuditEntry(Instant.now(), f.externalId(), run.source(), config.site(),
                    run.doctype(), f.localNames(), f.sourceVersion(), f.sourceHash(), SyncStatus.REPAIR_REQUESTED, 0,
                    f.kind() + " in reconciliation #" + run.id() + ", by " + actor + ": " + reason)));
            return store.requestRepair(asked, actor, entries)
                    .flatMap(x -> resend(run.source(), asked.stream().map(Finding::externalId).toList()))
                    .map(failed -> new Result(run.id(), sofar.requested() + asked.size() - failed,
                            sofar.leftInConflict() + conflicted.size(), sofar.keptByOperators() + kept.size(),
                            sofar.failed() + failed));
        }));
    }

    /** Asks the owner for each document; answers how many requests failed. */
    private Uni<Integer> resend(String source, List<UUID> externalIds) {
        return Multi.createFrom().iterable(externalIds)
                .onItem().transformToUni(id -> peers.requestResend(source, id).replaceWith(0)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Asking %s to send %s again failed: %s", source, id, e.getMessage());
                            return 1;
                        }))
                .merge(RESEND_CONCURRENCY).collect().with(java.util.stream.Collectors.summingInt(i -> i));
    }

}
