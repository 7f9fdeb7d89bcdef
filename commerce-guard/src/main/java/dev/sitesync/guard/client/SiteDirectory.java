package dev.sitesync.guard.client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.config.SiteConfig;
import dev.sitesync.support.problem.ProblemException;

/** The sites the guard is configured for, and one Frappe client per site, made on first use. */
@Singleton
public class SiteDirectory {

    private final Vertx vertx;
    private final Map<String, SiteConfig> sites;
    private final Map<String, FrappeClient> clients = new ConcurrentHashMap<>();

    public SiteDirectory(Vertx vertx, GuardConfig config) {
        this.vertx = vertx;
        this.sites = Map.copyOf(config.sites());
    }

    public Set<String> codes() {
        return sites.keySet();
    }

    /** The site's configuration; a site the guard does not know is the caller's mistake, named by its field. */
    public SiteConfig config(String site) {
        SiteConfig config = sites.get(site);
        if (config == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Site '%s' is not connected to commerce-guard; known sites: %s".formatted(site, sites.keySet()),
                    List.of(new Violation("site", "is not a site commerce-guard is connected to")));
        }
        return config;
    }

    public FrappeClient client(String site) {
        SiteConfig config = config(site);
        return clients.computeIfAbsent(site, code -> FrappeClient.create(vertx, frappeSite(config)));
    }

    private static FrappeSite frappeSite(SiteConfig config) {
        FrappeSite site = FrappeSite.of(config.url().toString(), new ApiCredentials(config.apiKey(), config.apiSecret()))
                .withTimeZone(config.timeZone())
                .withTimeouts(FrappeSite.DEFAULT_CONNECT_TIMEOUT, config.requestTimeout())
                .withMaxPoolSize(config.maxConnections());
        return config.siteName().map(site::withSiteName).orElse(site);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(FrappeClient::close);
    }
}
