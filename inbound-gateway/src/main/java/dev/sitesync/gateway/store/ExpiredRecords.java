package dev.sitesync.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Deletes buckets that have refilled (a full bucket is the same as none), in small batches, from any replica. */
@ApplicationScoped
public class ExpiredRecords {

    private static final Logger LOG = Logger.getLogger(ExpiredRecords.class);
    private static final int BATCH = 5000;

    private final RateLimiter limiter;

    public ExpiredRecords(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Scheduled(every = "${sitesync.gateway.purge-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int bucketRows = limiter.purgeExpired(BATCH);
            LOG.debugf("Purged %d idle rate-limit buckets", bucketRows);
        } catch (Exception e) {
            LOG.warnf("Purging expired records failed; the next run tries again: %s", e.getMessage());
        }
    }
}
