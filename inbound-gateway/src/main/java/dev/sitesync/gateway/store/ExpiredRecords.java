package dev.sitesync.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Deletes replay records past their window and buckets that have refilled, in small batches, from any replica. */
@ApplicationScoped
public class ExpiredRecords {

    private static final Logger LOG = Logger.getLogger(ExpiredRecords.class);
    private static final int BATCH = 5000;

    private final ReplayGuard replays;
    private final RateLimiter limiter;

    public ExpiredRecords(ReplayGuard replays, RateLimiter limiter) {
        this.replays = replays;
        this.limiter = limiter;
    }

    @Scheduled(every = "${sitesync.gateway.purge-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int replayRows = replays.purgeExpired(BATCH);
            int bucketRows = limiter.purgeExpired(BATCH);
            LOG.debugf("Purged %d expired replay records and %d idle rate-limit buckets", replayRows, bucketRows);
        } catch (Exception e) {
            LOG.warnf("Purging expired records failed; the next run tries again: %s", e.getMessage());
        }
    }
}
