package dev.sitesync.worker.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.AnchorClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ChainAnchor;
import dev.sitesync.worker.domain.ChainBreak;
import dev.sitesync.worker.domain.ChainWalk;
import dev.sitesync.worker.domain.LoggedEntry;
import dev.sitesync.worker.store.SyncLog;

/**
 * Walks the sync log in keyset pages, in id order across its monthly partitions, against the heads anchored with
 * ownership-service: memory stays constant whatever the log's length, and the walk ends at the head it found when it
 * began, however fast the log grows meanwhile. One walk at a time per worker, so verification cannot be used to load
 * the database.
 */
@ApplicationScoped
public class ChainVerification {

    private static final Logger LOG = Logger.getLogger(ChainVerification.class);
    private static final int ANCHOR_PAGE = 500;

    private final SyncLog log;
    private final AnchorClient anchors;
    private final AuditHealth health;
    private final int pageSize;
    private final AtomicBoolean walking = new AtomicBoolean();

    public ChainVerification(SyncLog log, AnchorClient anchors, AuditHealth health, WorkerConfig config) {
        this.log = log;
        this.anchors = anchors;
        this.health = health;
        this.pageSize = config.audit().pageSize();
    }

    /**
     * What a walk found.
     *
     * @param fromId the entry the walk resumed at (0: the whole log)
     * @param lastId the last entry that verified, with {@code lastHash}: a head an auditor may keep
     * @param anchorsMatched anchored heads the log still matches
     * @param anchors null when the anchors were compared; else why they could not be, and the walk only proves the
     *        chain holds together, not that it was never rewritten whole
     * @param firstBrokenId null when intact; else the first entry that fails or that no anchor proves any more, with its
     *        {@code partition} (null for an entry that is gone) and the {@code problem}
     */
    public record Verification(long fromId, long lastId, String lastHash, long rowsChecked, int anchorsMatched,
            String anchors, Long firstBrokenId, String partition, String problem, Instant verifiedAt, long millis) {

        public boolean intact() {
            return firstBrokenId == null;
        }
    }

    /** Where a walk starts: the log's first entry, the newest anchored head, or a given anchored entry. */
    public sealed interface Start {

        record Genesis() implements Start {
        }

        record LatestAnchor() implements Start {
        }

        record Anchored(long id) implements Start {
        }
    }

    /** Verifies from {@code start}; refused with 429 while another walk runs on this worker. */
    public Uni<Verification> verify(Start start) {
        return Uni.createFrom().deferred(() -> {
            if (!walking.compareAndSet(false, true)) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.RATE_LIMITED, "A verification of "
                        + "this worker's sync log is running; retry when it ends (from=latest checks only what followed "
                        + "the newest anchor)."));
            }
            Instant began = Instant.now();
            return walkFrom(start, began)
                    .invoke(verification -> health.verified(start instanceof Start.Genesis, verification))
                    .eventually(() -> walking.set(false));
        });
    }

    private Uni<Verification> walkFrom(Start start, Instant began) {
        if (start instanceof Start.Anchored anchored) {
            return anchors.after(anchored.id() - 1, 1).onFailure().transform(ChainVerification::unavailable)
                    .flatMap(found -> {
                        if (found.isEmpty() || found.get(0).lastId() != anchored.id() || found.get(0).lost()) {
                            throw new ProblemException(ProblemType.INVALID_REQUEST, "Entry " + anchored.id()
                                    + " was never anchored, or was acknowledged lost; resume at an anchored entry (GET "
                                    + "/api/v1/sites/{site}/audit-anchors on ownership-service), or from=latest.");
                        }
                        return resume(AnchorClient.toChain(found.get(0)), began);
                    });
        }
        if (start instanceof Start.LatestAnchor) {
            return anchors.latest().onFailure().transform(ChainVerification::unavailable)
                    .flatMap(anchor -> anchor.isPresent()
                            ? resume(anchor.get(), began)
                            : walkFrom(new Start.Genesis(), began));
        }
        return log.head().flatMap(head -> new Walk(ChainWalk.fromGenesis(), 0, 0, head.map(SyncLog.Head::id).orElse(0L),
                began).next());
    }

    private Uni<Verification> resume(ChainAnchor checkpoint, Instant began) {
        return log.head().flatMap(head -> new Walk(ChainWalk.fromCheckpoint(checkpoint), checkpoint.lastId(),
                checkpoint.lastId() - 1, head.map(SyncLog.Head::id).orElse(0L), began).next());
    }

    /** One walk's progress: the last entry read, and the anchors fetched so far. */
    private final class Walk {

        private final ChainWalk chain;
        private final long fromId;
        private final long headId;
        private final Instant began;
        private long after;
        private long anchorsFetchedAfter;
        private boolean anchorsExhausted;
        private String anchorsUnavailable;

        Walk(ChainWalk chain, long fromId, long startAfter, long headId, Instant began) {
            this.chain = chain;
            this.fromId = fromId;
            this.headId = headId;
            this.began = began;
            this.after = startAfter;
            this.anchorsFetchedAfter = startAfter;
        }

        Uni<Verification> next() {
            return log.page(after, headId, pageSize).flatMap(page -> anchorsUpTo(page).flatMap(ready -> {
                for (LoggedEntry entry : page) {
                    Optional<ChainBreak> broken = chain.check(entry);
                    if (broken.isPresent()) {
                        return Uni.createFrom().item(result(broken.get()));
                    }
                }
                if (page.size() < pageSize) {
                    return end();
                }
                after = page.get(page.size() - 1).id();
                return next();
            }));
        }

        /** Fetches anchors until they cover the page, so none of its entries passes an anchor unchecked. */
        private Uni<Void> anchorsUpTo(List<LoggedEntry> page) {
            long upTo = page.isEmpty() ? headId : page.get(page.size() - 1).id();
            if (anchorsExhausted || chain.anchoredUpTo() >= upTo) {
                return Uni.createFrom().voidItem();
            }
            return anchors.after(anchorsFetchedAfter, ANCHOR_PAGE).flatMap(fetched -> {
                // entries acknowledged lost with a restored database are not expected any more
                fetched.stream().filter(anchor -> !anchor.lost()).map(AnchorClient::toChain).forEach(chain::expect);
                anchorsExhausted = fetched.size() < ANCHOR_PAGE;
                if (!fetched.isEmpty()) {
                    anchorsFetchedAfter = fetched.get(fetched.size() - 1).lastId();
                }
                return anchorsUpTo(page);
            }).onFailure().recoverWithUni(e -> {
                LOG.warnf("Verifying the sync log without its anchors: ownership-service did not answer (%s)",
                        e.getMessage());
                anchorsUnavailable = "ownership-service did not answer (" + e.getMessage() + "): the chain holds "
                        + "together, but was not compared with its anchored heads";
                anchorsExhausted = true;
                return Uni.createFrom().voidItem();
            });
        }

        /** The log ended: an anchor beyond its end means entries were removed, unless they were appended since. */
        private Uni<Verification> end() {
            return anchorsUpTo(List.of()).flatMap(ready -> {
                Optional<ChainAnchor> beyond = chain.pendingAnchor();
                if (beyond.isEmpty()) {
                    return Uni.createFrom().item(result(null));
                }
                return log.contains(beyond.get().lastId())
                        .map(appendedSince -> result(appendedSince ? null : chain.endsBefore(beyond.get())));
            });
        }

        private Verification result(ChainBreak broken) {
            long millis = Duration.between(began, Instant.now()).toMillis();
            return new Verification(fromId, chain.lastId(), chain.lastHash(), chain.checked(), chain.anchorsMatched(),
                    anchorsUnavailable, broken == null ? null : broken.id(), broken == null ? null : broken.partition(),
                    broken == null ? null : broken.problem(), began, millis);
        }
    }

    private static Throwable unavailable(Throwable e) {
        return e instanceof ProblemException
                ? e
                : new ProblemException(ProblemType.UNAVAILABLE, "ownership-service, "
                        + "which keeps the anchored heads, did not answer (" + e.getMessage() + "); retry, or verify the whole "
                        + "log without from.");
    }
}
