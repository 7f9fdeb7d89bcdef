package dev.sitesync.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.client.ServiceTokens;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.RouteMatch;

/**
 * {@code POST /payments/{provider}/callback}: a payment provider's callback for a configured provider, within its
 * rate limit and body limit, handed to commerce-guard with its signature header and raw body under the gateway's own
 * token. commerce-guard verifies the provider's signature and answers; its answer is relayed.
 */
@ApplicationScoped
public class PaymentRoute {

    private final Set<String> providers;
    private final RateLimitGate limits;
    private final RateLimits rateLimits;
    private final ServiceTokens tokens;
    private final UpstreamProxy proxy;
    private final Replies replies;
    private final GatewayConfig.Payments config;
    private final Duration timeout;

    public PaymentRoute(RateLimitGate limits, RateLimits rateLimits, ServiceTokens tokens, UpstreamProxy proxy,
            Replies replies, GatewayConfig config) {
        this.providers = config.payments().providers().orElse(Set.of());
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.tokens = tokens;
        this.proxy = proxy;
        this.replies = replies;
        this.config = config.payments();
        this.timeout = config.upstreams().timeout();
    }

    void handle(RoutingContext rc, RouteMatch match) {
        String provider = match.provider();
        Exchange.of(rc).caller = "provider:" + provider;
        if (!providers.contains(provider)) {
            replies.refuse(rc, new Refusal(Decision.NOT_FOUND, ProblemType.NOT_FOUND,
                    "No payment provider '" + provider + "' sends callbacks here."));
            return;
        }
        String header = rc.request().getHeader(config.signatureHeader());
        Map<String, String> signature = header == null ? Map.of() : Map.of(config.signatureHeader(), header);
        limits.take(rateLimits.forProvider(provider))
                .flatMap(allowed -> RequestBodies.read(rc, config.maxBody().asLongValue()))
                .flatMap(body -> tokens.authorization()
                        .onFailure().transform(failure -> new Refusal(Decision.GATEWAY_UNAVAILABLE,
                                ProblemType.UNAVAILABLE, "The callback cannot be handed on right now; retry later."))
                        .flatMap(authorization -> proxy.forward(rc, config.upstream(),
                                config.upstreamPath().replace("{provider}", provider), authorization, signature, body,
                                timeout)))
                .subscribe().with(done -> {
                }, failure -> replies.fail(rc, failure));
    }
}
