package dev.sitesync.gateway.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.store.RateLimiter;

/**
 * Draws one token from a shared bucket; refuses with 429 and Retry-After when it is empty. When the bucket store
 * cannot be reached the request is refused with 503: a limit that cannot be checked is not waived.
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);

    private final RateLimiter limiter;
    private final Blocking blocking;

    public RateLimitGate(RateLimiter limiter, Blocking blocking) {
        this.limiter = limiter;
        this.blocking = blocking;
    }

    Uni<Boolean> take(RateLimits.Draw draw) {
        return blocking.call(() -> limiter.tryTake(draw.key(), draw.bucket().capacity(), draw.bucket().period()))
                .onFailure().transform(failure -> {
                    LOG.errorf(failure, "Rate limit store unavailable");
                    return new Refusal(Decision.GATEWAY_UNAVAILABLE, ProblemType.UNAVAILABLE,
                            "The request cannot be admitted right now; retry later.");
                })
                .map(verdict -> {
                    if (!verdict.allowed()) {
                        long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
                        throw new Refusal(Decision.RATE_LIMITED, ProblemType.RATE_LIMITED,
                                "Too many requests; retry after " + seconds + " s.",
                                Map.of("Retry-After", String.valueOf(seconds)));
                    }
                    return true;
                });
    }
}
