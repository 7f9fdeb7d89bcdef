package dev.sitesync.guard.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Forgets Idempotency-Keys past their time, in small batches; any replica may, deletes are idempotent. */
@ApplicationScoped
public class ExpiredOrderRequests {

    private static final Logger LOG = Logger.getLogger(ExpiredOrderRequests.class);
    private static final int BATCH = 5000;

    private final OrderRequestStore requests;

    public ExpiredOrderRequests(OrderRequestStore requests) {
        this.requests = requests;
    }

    @Scheduled(every = "${guard.orders.purge-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return requests.purgeExpired(BATCH)
                .invoke(purged -> LOG.debugf("Forgot %d expired Idempotency-Keys", purged))
                .onFailure()
                .invoke(failure -> LOG.warnf("Forgetting expired Idempotency-Keys failed; the next run tries again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
