package dev.sitesync.gateway.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.IpRanges;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.RouteMatch;

/**
 * The operator console's pages ({@code /console/...} and the scripts it serves): from people's networks only, within a
 * request rate per client address, with the session cookie passed through. The console signs people in itself and
 * calls every service with the person's own token, so the gateway has no token to check here and adds no powers.
 */
@ApplicationScoped
public class ConsoleRoute {

    private final Admission admission;
    private final RateLimitGate limits;
    private final UpstreamProxy proxy;
    private final Replies replies;
    private final long maxBody;
    private final Duration timeout;

    /** Who may reach the console and how often. */
    private record Admission(IpRanges ranges, RateLimits.Bucket perAddress) {
    }

    public ConsoleRoute(GatewayConfig config, RateLimitGate limits, UpstreamProxy proxy, Replies replies) {
        this.admission = new Admission(IpRanges.parse(config.console().cidrs()),
                new RateLimits.Bucket(config.console().capacity(), config.console().period()));
        this.limits = limits;
        this.proxy = proxy;
        this.replies = replies;
        this.maxBody = config.upstreams().maxBody().asLongValue();
        this.timeout = config.upstreams().timeout();
    }

    void handle(RoutingContext rc, RouteMatch match) {
        Exchange exchange = Exchange.of(rc);
        if (exchange.client == null || !admission.ranges().contains(exchange.client)) {
            replies.refuse(rc, new Refusal(Decision.IP_NOT_ALLOWED, ProblemType.IP_NOT_ALLOWED,
                    "The console may not be reached from " + exchange.clientText()
                            + "; use a network its operators allow."));
            return;
        }
        limits.take(new RateLimits.Draw("console:" + exchange.clientText(), admission.perAddress()))
                .flatMap(allowed -> RequestBodies.read(rc, maxBody))
                .flatMap(body -> proxy.forwardPage(rc, match.upstreamBase(), match.upstreamPath(), forwarded(rc, exchange),
                        body, timeout))
                .subscribe().with(done -> {
                }, failure -> replies.fail(rc, failure));
    }

    /**
     * Where the browser is, for the console's sign-in redirects: what a trusted proxy in front said, else this
     * request's own scheme and Host.
     */
    private static Map<String, String> forwarded(RoutingContext rc, Exchange exchange) {
        HttpServerRequest request = rc.request();
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("X-Forwarded-Proto", "X-Forwarded-Host")) {
            String told = exchange.viaTrustedProxy ? request.getHeader(name) : null;
            String own = name.equals("X-Forwarded-Proto") ? request.scheme() : request.getHeader("Host");
            String value = told != null ? told : own;
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
