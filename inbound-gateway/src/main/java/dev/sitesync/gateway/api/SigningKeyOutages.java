package dev.sitesync.gateway.api;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.lang.UnresolvableKeyException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.common.runtime.OidcEndpointAccessException;

/**
 * Tells a token that is wrong from a token that cannot be checked because the issuer's keys (JWKS) are out of reach.
 * quarkus-oidc reports both as an authentication failure, a 401; a gateway must not tell a caller with a good token
 * that it is unauthenticated, nor let it through, so an outage is answered 503.
 * <p>
 * After a failed key fetch quarkus-oidc does not fetch again until its forced refresh interval has passed; a token
 * whose key is unknown meanwhile is still an outage, not a bad token, so the outage is remembered that long.
 */
@ApplicationScoped
public class SigningKeyOutages {

    private final long rememberNanos;
    private volatile long outageUntilNanos = System.nanoTime();

    private final Counter failures;

    public SigningKeyOutages(
            @ConfigProperty(name = "quarkus.oidc.token.forced-jwk-refresh-interval", defaultValue = "10M") Duration refresh,
            MeterRegistry registry) {
        this.rememberNanos = refresh.toNanos();
        this.failures = Counter.builder("sitesync.gateway.jwks.failures")
                .description("Times the token signing keys (JWKS) could not be fetched").register(registry);
    }

    /** True when this authentication failure says the keys could not be fetched, rather than that the token is bad. */
    boolean isOutage(Throwable failure) {
        if (causedByFetchFailure(failure)) {
            failures.increment();
            outageUntilNanos = System.nanoTime() + rememberNanos;
            return true;
        }
        return causedBy(failure, UnresolvableKeyException.class) && System.nanoTime() - outageUntilNanos < 0;
    }

    private static boolean causedByFetchFailure(Throwable failure) {
        return causedBy(failure, OIDCException.class) || causedBy(failure, OidcEndpointAccessException.class)
                || causedBy(failure, ConnectException.class) || causedBy(failure, TimeoutException.class)
                || causedBy(failure, io.netty.channel.ConnectTimeoutException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
