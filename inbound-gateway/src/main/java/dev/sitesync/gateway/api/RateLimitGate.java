package dev.sitesync.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.store.RateLimiter;

/**
 * Draws one token from a shared bucket; refuses with 429 and Retry-After when it is empty. Tokens are taken from the
 * shared bucket in PostgreSQL a few at a time (a lease, as Kong's cluster policy batches its counters) and spent here,
 * so most requests draw without a database round trip, while every token spent was taken from the bucket every replica
 * shares: the limit holds across replicas, and a replica's unspent tokens lapse after the lease's time to live. When
 * the bucket store cannot be reached the request is refused with 503: a limit that cannot be checked is not waived.
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);
    private static final Uni<Boolean> ALLOWED = Uni.createFrom().item(true);

    /** Tokens this replica took from one bucket and has not spent yet. */
    private static final class Lease {

        private long tokens;
        private long expiresAtNanos;

        synchronized boolean spend() {
            if (tokens > 0 && System.nanoTime() - expiresAtNanos < 0) {
                tokens--;
                return true;
            }
            return false;
        }

        /** Keeps what a draw took beyond the one token spent at once. */
        synchronized void refill(long taken, Duration ttl) {
            long now = System.nanoTime();
            tokens = (now - expiresAtNanos < 0 ? tokens : 0) + taken - 1;
            expiresAtNanos = now + ttl.toNanos();
        }
    }

    private final RateLimiter limiter;
    private final Blocking blocking;
    private final long leaseSize;
    private final Duration leaseTtl;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public RateLimitGate(RateLimiter limiter, Blocking blocking, GatewayConfig config) {
        this.limiter = limiter;
        this.blocking = blocking;
        this.leaseSize = config.limits().leaseSize();
        this.leaseTtl = config.limits().leaseTtl();
    }

    Uni<Boolean> take(RateLimits.Draw draw) {
        long capacity = draw.bucket().capacity();
        Duration period = draw.bucket().period();
        Lease lease = leases.computeIfAbsent(draw.key() + '\n' + capacity + '\n' + period, key -> new Lease());
        if (lease.spend()) {
            return ALLOWED;
        }
        // at most a tenth of the bucket at once, so a small limit stays exact and replicas share a large one
        long most = Math.max(1, Math.min(leaseSize, capacity / 10));
        return blocking.call(() -> limiter.tryTakeUpTo(draw.key(), capacity, period, most))
                .onFailure().transform(failure -> {
                    LOG.errorf(failure, "Rate limit store unavailable");
                    return new Refusal(Decision.GATEWAY_UNAVAILABLE, ProblemType.UNAVAILABLE,
                            "The request cannot be admitted right now; retry later.");
                })
                .map(taken -> {
                    if (taken.taken() == 0) {
                        long seconds = Math.max(1, (taken.retryAfter().toMillis() + 999) / 1000);
                        throw new Refusal(Decision.RATE_LIMITED, ProblemType.RATE_LIMITED,
                                "Too many requests; retry after " + seconds + " s.",
                                Map.of("Retry-After", String.valueOf(seconds)));
                    }
                    lease.refill(taken.taken(), leaseTtl);
                    return true;
                });
    }
}
