package dev.sitesync.guard.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.config.GuardConfig;

/**
 * Forgets what is kept for a while only: Idempotency-Keys past their time, sightings of findings older than
 * {@code guard.audit.sightings-kept}. In small batches, from any replica: deletes are idempotent.
 */
@ApplicationScoped
public class ExpiredRecords {

    private static final Logger LOG = Logger.getLogger(ExpiredRecords.class);
    private static final int BATCH = 5000;

    private final OrderRequestStore requests;
    private final FindingStore findings;
    private final GuardConfig config;

    public ExpiredRecords(OrderRequestStore requests, FindingStore findings, GuardConfig config) {
        this.requests = requests;
        this.findings = findings;
        this.config = config;
    }

    @Scheduled(every = "${guard.purge-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return requests.purgeExpired(BATCH)
                .flatMap(keys -> findings.purgeSightings(config.audit().sightingsKept(), BATCH)
                        .invoke(sightings -> LOG.debugf("Forgot %d Idempotency-Keys and %d sightings", keys, sightings)))
                .onFailure().invoke(failure -> LOG.warnf("Purging expired records failed; the next run tries again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
