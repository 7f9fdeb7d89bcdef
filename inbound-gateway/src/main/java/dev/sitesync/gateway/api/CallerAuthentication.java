package dev.sitesync.gateway.api;

import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;

/**
 * Authenticates a service caller through quarkus-oidc (issuer, audience, expiry, signature through the cached JWKS;
 * asymmetric algorithms only, so {@code alg: none} and HS256 tokens fail) and turns every failure into a refusal:
 * 401 for a bad or missing token, 503 when the keys cannot be fetched.
 */
@ApplicationScoped
public class CallerAuthentication {

    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BY_THE_GATEWAY = (rc, failure) -> {
    };

    private final SigningKeyOutages outages;

    public CallerAuthentication(SigningKeyOutages outages) {
        this.outages = outages;
    }

    Uni<Caller> authenticate(RoutingContext rc) {
        if (rc.request().getHeader("Authorization") == null) {
            return Uni.createFrom().failure(unauthenticated());
        }
        // without this, quarkus answers a failed authentication itself, as a bare 401, before the gateway can tell why
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_THE_GATEWAY);
        return QuarkusHttpUser.getSecurityIdentity(rc, null)
                .onFailure().transform(failure -> outages.isOutage(failure)
                        ? new Refusal(Decision.KEYS_UNAVAILABLE, ProblemType.UNAVAILABLE,
                                "Tokens cannot be verified right now; retry later.")
                        : unauthenticated())
                .map(this::caller);
    }

    private Caller caller(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw unauthenticated();
        }
        String clientId = firstClaim(token, "azp", "client_id");
        return new Caller(token.getSubject(), clientId != null ? clientId : token.getSubject(), identity.getRoles());
    }

    private static String firstClaim(JsonWebToken token, String... names) {
        for (String name : names) {
            Object value = token.getClaim(name);
            if (value != null && !value.toString().isBlank()) {
                return value.toString().replace("\"", "");
            }
        }
        return null;
    }

    private static Refusal unauthenticated() {
        return new Refusal(Decision.UNAUTHORIZED, ProblemType.UNAUTHENTICATED,
                "Send a valid OIDC bearer token in the Authorization header; its issuer, audience, expiry and signature are checked.",
                Map.of("WWW-Authenticate", "Bearer"));
    }
}
