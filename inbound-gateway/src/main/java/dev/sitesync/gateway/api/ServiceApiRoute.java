package dev.sitesync.gateway.api;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.client.SiteDirectory;
import dev.sitesync.gateway.client.UpstreamFailure;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.ClientScopes;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.RouteMatch;

/**
 * A service API route ({@code /api/v1/...}, {@code /ops/v1/sites/{site}/...}): a verified bearer token with one of the
 * route's roles, from inside the client's IP scope, within the client's rate limit; a route naming a site needs a
 * site the registry knows. The caller's own token goes upstream, where it is verified again.
 */
@ApplicationScoped
public class ServiceApiRoute {

    private final CallerAuthentication authentication;
    private final ClientScopes scopes;
    private final RateLimitGate limits;
    private final RateLimits rateLimits;
    private final SiteDirectory sites;
    private final UpstreamProxy proxy;
    private final Replies replies;
    private final long maxBody;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts = new HashMap<>();

    public ServiceApiRoute(CallerAuthentication authentication, ClientScopes scopes, RateLimitGate limits,
            RateLimits rateLimits, SiteDirectory sites, UpstreamProxy proxy, Replies replies, GatewayConfig config) {
        this.authentication = authentication;
        this.scopes = scopes;
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.sites = sites;
        this.proxy = proxy;
        this.replies = replies;
        this.maxBody = config.upstreams().maxBody().asLongValue();
        this.defaultTimeout = config.upstreams().timeout();
        config.routes().forEach((name, route) -> route.timeout().ifPresent(timeout -> timeouts.put(name, timeout)));
    }

    void handle(RoutingContext rc, RouteMatch match) {
        Exchange exchange = Exchange.of(rc);
        authentication.authenticate(rc)
                .invoke(caller -> admit(exchange, match, caller))
                .flatMap(caller -> limits.take(rateLimits.forClient(caller.clientId())))
                .flatMap(allowed -> knownSite(match))
                .flatMap(known -> RequestBodies.read(rc, maxBody))
                .flatMap(body -> proxy.forward(rc, match.upstreamBase(), match.upstreamPath(),
                        rc.request().getHeader("Authorization"), Map.of(), body,
                        timeouts.getOrDefault(match.rule().name(), defaultTimeout)))
                .subscribe().with(done -> {
                }, failure -> replies.fail(rc, failure));
    }

    private void admit(Exchange exchange, RouteMatch match, Caller caller) {
        exchange.caller = caller.subject();
        if (Collections.disjoint(caller.roles(), match.rule().roles())) {
            throw new Refusal(Decision.FORBIDDEN, ProblemType.FORBIDDEN,
                    "The token is valid but lacks a role this route needs: one of " + String.join(", ",
                            match.rule().roles().stream().sorted().toList()) + ".");
        }
        if (!scopes.allows(caller.clientId(), exchange.client)) {
            throw new Refusal(Decision.IP_NOT_ALLOWED, ProblemType.IP_NOT_ALLOWED,
                    "This client may not call from " + exchange.clientText() + ".");
        }
    }

    private Uni<Void> knownSite(RouteMatch match) {
        if (match.site() == null) {
            return Uni.createFrom().voidItem();
        }
        return sites.find(match.site())
                .onFailure(UpstreamFailure.class).transform(failure -> new Refusal(Decision.REGISTRY_UNAVAILABLE,
                        ProblemType.UNAVAILABLE, "The site cannot be checked right now; retry later."))
                .map(site -> site.orElseThrow(() -> new Refusal(Decision.SITE_UNKNOWN, ProblemType.NOT_FOUND,
                        "No site '" + match.site() + "'.")))
                .replaceWithVoid();
    }
}
