package dev.sitesync.worker.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.PeerClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.Checkpoints;

/**
 * Full syncs, on an operator's request: every document of an owned master doctype read again, a few pages per cycle,
 * resumable from its checkpoint after a crash, inside the site's batch window; and each consumer reconciles the doctype
 * with this site and repairs what its copies lack, so what a consumer really holds decides what it is sent again.
 */
@ApplicationScoped
public class FullSync implements ChangeSource {

    private static final Logger LOG = Logger.getLogger(FullSync.class);

    private static final int PAGES_PER_CYCLE = 20;

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final Checkpoints checkpoints;
    private final KeysetPages pages;
    private final OffPeak offPeak;
    private final PeerClient peers;

    public FullSync(WorkerConfig config, PolicyCache policies, Checkpoints checkpoints, KeysetPages pages,
            OffPeak offPeak, PeerClient peers) {
        this.config = config;
        this.policies = policies;
        this.checkpoints = checkpoints;
        this.pages = pages;
        this.offPeak = offPeak;
        this.peers = peers;
    }

    @Override
    public String name() {
        return "full-sync";
    }

    @Override
    public Uni<List<String>> doctypes() {
        return policies.current().flatMap(policy -> checkpoints.unfinishedFullSyncs()
                .map(unfinished -> unfinished.stream().filter(policy.ownedMasters(config.site())::contains).toList()))
                .flatMap(doctypes -> offPeak.batchWindowOpen().map(open -> open ? doctypes : List.<String>of()));
    }

    @Override
    public Uni<Integer> capture(String doctype, CaptureLease.Held lease) {
        return checkpoints.read(doctype, Checkpoints.FULL).flatMap(position -> position.isEmpty()
                || position.get().complete()
                        ? Uni.createFrom().item(0)
                        : pages.walk(lease, Checkpoints.FULL, position.get().cursor(), null, PAGES_PER_CYCLE, rows -> {
                        }));
    }

    /**
     * Starts (or restarts from the beginning) a full sync of a master doctype this site owns: every document is read
     * again (one never captured is sent), and each consumer is asked to reconcile the doctype with this site and repair
     * what its copies lack, so the full sync compares with what the consumers hold, not with what they were sent.
     */
    public Uni<Void> start(String doctype) {
        return policies.current().flatMap(policy -> {
            if (!policy.ownedMasters(config.site()).contains(doctype)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "Site " + config.site() + " does not own "
                        + doctype + " as a master, so it has nothing of it to send; a full sync runs on the owner's"
                        + " worker. Masters this site owns: " + policy.ownedMasters(config.site()) + ".");
            }
            return checkpoints.save(doctype, Checkpoints.FULL, null, false)
                    .invoke(() -> policy.consumersOf(doctype).forEach(consumer -> peers
                            .requestReconciliation(consumer, doctype).subscribe().with(x -> {
                            }, e -> LOG.warnf("Asking %s to reconcile %s for the full sync failed (%s); it reconciles "
                                    + "on its own schedule", consumer, doctype, e.getMessage()))));
        });
    }
}
