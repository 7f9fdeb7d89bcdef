package dev.sitesync.gateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.sitesync.gateway.domain.ClientAddresses;
import dev.sitesync.gateway.domain.ClientScopes;
import dev.sitesync.gateway.domain.IpRanges;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.RouteKind;
import dev.sitesync.gateway.domain.RouteRule;
import dev.sitesync.gateway.domain.RouteTable;
import dev.sitesync.gateway.store.RateLimiter;

/** Turns the configuration into the gateway's rules; a malformed route, range or limit stops the start. */
public class GatewayBeans {

    static final String WEBHOOK_ROUTE = "webhooks";
    static final String PAYMENT_ROUTE = "payments";
    static final String CONSOLE_ROUTE = "console";
    static final String CONSOLE_ASSETS_ROUTE = "console-assets";
    private static final Set<String> PAGE_METHODS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.POST.name());

    @Produces
    @Singleton
    RouteTable routeTable(GatewayConfig config) {
        List<RouteRule> rules = new ArrayList<>();
        rules.add(new RouteRule(WEBHOOK_ROUTE, RouteKind.WEBHOOK, List.of("hooks", RouteRule.SITE), true,
                Set.of(HttpMethod.POST.name()), null, List.of(), Set.of()));
        rules.add(new RouteRule(PAYMENT_ROUTE, RouteKind.PAYMENT, List.of("payments", RouteRule.PROVIDER, "callback"), true,
                Set.of(HttpMethod.POST.name()), null, List.of(), Set.of()));
        config.console().upstream().ifPresent(console -> {
            rules.add(new RouteRule(CONSOLE_ROUTE, RouteKind.CONSOLE, List.of("console"), false, PAGE_METHODS, console,
                    List.of("console"), Set.of()));
            // the console's scripts are web dependencies it serves at /webjars
            rules.add(new RouteRule(CONSOLE_ASSETS_ROUTE, RouteKind.CONSOLE, List.of("webjars"), false,
                    Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name()), console, List.of("webjars"), Set.of()));
        });
        config.routes().forEach((name, route) -> {
            List<String> pattern = RouteRule.segments(route.prefix());
            List<String> upstreamPrefix = route.upstreamPrefix().map(RouteRule::segments).orElse(pattern);
            rules.add(new RouteRule(name, RouteKind.API, pattern, false, route.methods(), route.upstream(), upstreamPrefix,
                    route.roles()));
        });
        return new RouteTable(rules);
    }

    @Produces
    @Singleton
    ClientAddresses clientAddresses(GatewayConfig config) {
        return new ClientAddresses(IpRanges.parse(config.trustedProxies().orElse(List.of())), config.forwardedHops());
    }

    @Produces
    @Singleton
    ClientScopes clientScopes(GatewayConfig config) {
        Map<String, IpRanges> perClient = new HashMap<>();
        config.clients().cidrs().forEach((client, cidrs) -> perClient.put(client, IpRanges.parse(cidrs)));
        return new ClientScopes(perClient, IpRanges.parse(config.clients().defaultCidrs()));
    }

    @Produces
    @Singleton
    RateLimits rateLimits(GatewayConfig config) {
        Map<String, RateLimits.Bucket> clients = new HashMap<>();
        config.limits().clients().forEach((client, limit) -> clients.put(client, bucket(limit)));
        Map<String, RateLimits.Bucket> sites = new HashMap<>();
        config.limits().sites().forEach((site, limit) -> sites.put(site, bucket(limit)));
        Map<String, RateLimits.Bucket> providers = new HashMap<>();
        config.limits().providers().forEach((provider, limit) -> providers.put(provider, bucket(limit)));
        return new RateLimits(bucket(config.limits().client()), bucket(config.limits().site()), clients, sites,
                providers);
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(DataSource dataSource) {
        return new RateLimiter(dataSource);
    }

    @Produces
    @Singleton
    WebClient upstreamClient(Vertx vertx, GatewayConfig config) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.upstreams().connectTimeout().toMillis())
                .setIdleTimeout(60)
                .setMaxPoolSize(64)
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setDecompressionSupported(false)
                .setUserAgentEnabled(false));
    }

    private static RateLimits.Bucket bucket(GatewayConfig.Limit limit) {
        return new RateLimits.Bucket(limit.capacity(), limit.period());
    }
}
