package dev.sitesync.worker.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.Checkpoints;

/**
 * Full syncs, on an operator's request: every document of an owned master doctype read again, a few pages per cycle,
 * resumable from its checkpoint after a crash. Content a consumer already has is not sent again.
 */
@ApplicationScoped
public class FullSync implements ChangeSource {

    private static final int PAGES_PER_CYCLE = 20;

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final Checkpoints checkpoints;
    private final KeysetPages pages;

    public FullSync(WorkerConfig config, PolicyCache policies, Checkpoints checkpoints, KeysetPages pages) {
        this.config = config;
        this.policies = policies;
        this.checkpoints = checkpoints;
        this.pages = pages;
    }

    @Override
    public String name() {
        return "full-sync";
    }

    @Override
    public Uni<List<String>> doctypes() {
        return policies.current().flatMap(policy -> checkpoints.unfinishedFullSyncs()
                .map(unfinished -> unfinished.stream().filter(policy.ownedMasters(config.site())::contains).toList()));
    }

    @Override
    public Uni<Integer> capture(String doctype, CaptureLease.Held lease) {
        return checkpoints.read(doctype, Checkpoints.FULL).flatMap(position -> position.isEmpty()
                || position.get().complete()
                        ? Uni.createFrom().item(0)
                        : pages.walk(lease, Checkpoints.FULL, position.get().cursor(), null, PAGES_PER_CYCLE, rows -> {
                        }));
    }

    /** Starts (or restarts from the beginning) a full sync of a master doctype this site owns. */
    public Uni<Void> start(String doctype) {
        return policies.current().flatMap(policy -> {
            if (!policy.ownedMasters(config.site()).contains(doctype)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "Site " + config.site() + " does not own "
                        + doctype + " as a master, so it has nothing of it to send; a full sync runs on the owner's"
                        + " worker. Masters this site owns: " + policy.ownedMasters(config.site()) + ".");
            }
            return checkpoints.save(doctype, Checkpoints.FULL, null, false);
        });
    }
}
