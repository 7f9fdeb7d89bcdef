package dev.sitesync.worker.target;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;
import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.config.WorkerConfig;

/**
 * Protects the site: a token bucket on writes (so a backlog never floods ERPNext), and a circuit that stops writing
 * for a while when the site refuses our credentials (401/403): retrying blindly would only lock the user out.
 */
@ApplicationScoped
public class SiteWriteLimiter {

    private static final Duration OPEN_FOR = Duration.ofSeconds(60);

    private final Bucket bucket;
    private final ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "site-write-limiter");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant openUntil = Instant.EPOCH;

    public SiteWriteLimiter(WorkerConfig config) {
        int rate = config.apply().ratePerSecond();
        this.bucket = Bucket.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
                .build();
    }

    /** Completes when a write may go out. */
    public Uni<Void> permit() {
        return Uni.createFrom().completionStage(() -> bucket.asScheduler().consume(1, waiter));
    }

    public boolean circuitOpen() {
        return Instant.now().isBefore(openUntil);
    }

    public void openCircuit() {
        openUntil = Instant.now().plus(OPEN_FOR);
    }

    @PreDestroy
    void stop() {
        waiter.shutdownNow();
    }
}
