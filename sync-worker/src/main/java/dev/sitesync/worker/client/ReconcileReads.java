package dev.sitesync.worker.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;
import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.config.WorkerConfig;

/**
 * A token bucket on the site reads reconciliations make (each reads every document of a doctype, on the owner's site
 * and on the consumer's), so a reconciliation never crowds out capture and applying, which share the site.
 */
@ApplicationScoped
public class ReconcileReads {

    private final Bucket bucket;
    private final ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "reconcile-reads");
        thread.setDaemon(true);
        return thread;
    });

    public ReconcileReads(WorkerConfig config) {
        int rate = config.reconcile().readsPerSecond();
        this.bucket = Bucket.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
                .build();
    }

    /** Completes when a read may go out. */
    public Uni<Void> permit() {
        return Uni.createFrom().completionStage(() -> bucket.asScheduler().consume(1, waiter));
    }

    @PreDestroy
    void stop() {
        waiter.shutdownNow();
    }
}
