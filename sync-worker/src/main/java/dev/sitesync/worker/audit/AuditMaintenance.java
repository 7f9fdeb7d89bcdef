package dev.sitesync.worker.audit;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.worker.audit.ChainVerification.Start;
import dev.sitesync.worker.audit.ChainVerification.Verification;
import dev.sitesync.worker.client.AnchorClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.AuditPartitions;

/**
 * Keeps the sync log for ever and provable, on one replica at a time: months prepared ahead, closed months sealed as
 * archives, then the entries since the newest anchor verified and the new heads (each sealed month's last entry, then
 * the log's head) anchored with ownership-service, outside this worker's database. Anchors go in entry order and only
 * after the entries they cover verified, so an anchor never vouches for a log already broken. Once a day the whole log
 * is verified, so an archived month altered after it was anchored is found too.
 */
@ApplicationScoped
public class AuditMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditMaintenance.class);
    /** The replica holding it (for the job's transaction) runs the audit's jobs; the others skip that round. */
    private static final long JOB_LOCK = 0x5_1_7_C_A0D1L;

    private final Pool pool;
    private final AuditPartitions partitions;
    private final ChainVerification verification;
    private final AnchorClient anchors;
    private final AuditHealth health;
    private final WorkerConfig config;

    public AuditMaintenance(Pool pool, AuditPartitions partitions, ChainVerification verification,
            AnchorClient anchors, AuditHealth health, WorkerConfig config) {
        this.pool = pool;
        this.partitions = partitions;
        this.verification = verification;
        this.anchors = anchors;
        this.health = health;
        this.config = config;
    }

    @Scheduled(every = "${sitesync.worker.audit.anchor-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledAnchoring() {
        return alone(this::maintainAndAnchor).onFailure().invoke(e -> LOG.warnf(
                "Keeping the sync log (partitions, verification, anchoring) failed, tried again in %s: %s",
                config.audit().anchorInterval(), e.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${sitesync.worker.audit.full-verify-interval}", delayed = "${sitesync.worker.audit.anchor-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFullVerification() {
        return alone(() -> verification.verify(new Start.Genesis()).replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("Verifying the whole sync log failed, tried again in %s: %s",
                        config.audit().fullVerifyInterval(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * One round: partitions, sealing, verification since the newest anchor, anchoring. Answers the verification, or
     * null when the log is broken (nothing is anchored then).
     */
    public Uni<Verification> maintainAndAnchor() {
        return partitions.prepare(config.audit().monthsAhead())
                .flatMap(prepared -> partitions.sealClosed())
                .invoke(sealed -> {
                    if (sealed > 0) {
                        LOG.infof("Sealed %d closed month(s) of the sync log as read-only archives", sealed);
                    }
                })
                .flatMap(sealed -> verification.verify(new Start.LatestAnchor()))
                .flatMap(verified -> verified.intact()
                        ? anchorHeads(verified).replaceWith(verified)
                        : Uni.createFrom().nullItem());
    }

    /** Each sealed month's last entry after the newest anchor, then the verified head, in entry order. */
    private Uni<Void> anchorHeads(Verification verified) {
        return partitions.sealedAfter(verified.fromId())
                .flatMap(sealed -> Multi.createFrom().iterable(sealed)
                        .filter(month -> month.lastId() <= verified.lastId())
                        .onItem().transformToUniAndConcatenate(month -> anchors.anchor(
                                new AnchorRequest(month.lastId(), month.lastHash(), month.partition())))
                        .collect().last())
                .flatMap(lastSealed -> verified.lastId() > verified.fromId()
                        && (lastSealed == null || lastSealed.lastId() < verified.lastId())
                                ? anchors.anchor(new AnchorRequest(verified.lastId(), verified.lastHash(), null))
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem())
                .invoke(() -> health.anchored(Instant.now()))
                .onFailure(AnchorClient::contradicts).invoke(e -> health.contradicted(e.getMessage()));
    }

    /** Runs the work while this replica holds the job's lock; another replica holding it skips the round. */
    private <T> Uni<T> alone(Supplier<Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1) as held")
                .execute(Tuple.of(JOB_LOCK))
                .flatMap(rows -> rows.iterator().next().getBoolean("held") ? work.get() : Uni.createFrom().nullItem()));
    }
}
