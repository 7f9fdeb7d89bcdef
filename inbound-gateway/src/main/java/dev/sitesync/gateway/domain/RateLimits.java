package dev.sitesync.gateway.domain;

import java.time.Duration;
import java.util.Map;

/**
 * Which bucket a request draws from and how big it is: one per service caller, one per site (its webhooks), one per
 * payment provider; each with a default size and optional overrides.
 */
public record RateLimits(Bucket client, Bucket site, Map<String, Bucket> clients, Map<String, Bucket> sites,
        Map<String, Bucket> providers) {

    /** A bucket of {@code capacity} requests, refilled by that many each {@code period}. */
    public record Bucket(long capacity, Duration period) {

        public Bucket {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
            }
        }
    }

    /** A bucket's key in the shared store, with its size. */
    public record Draw(String key, Bucket bucket) {
    }

    public RateLimits {
        clients = Map.copyOf(clients);
        sites = Map.copyOf(sites);
        providers = Map.copyOf(providers);
    }

    public Draw forClient(String clientId) {
        return new Draw("client:" + clientId, clients.getOrDefault(clientId, client));
    }

    public Draw forSite(String site) {
        return new Draw("site:" + site, sites.getOrDefault(site, this.site));
    }

    public Draw forProvider(String provider) {
        return new Draw("provider:" + provider, providers.getOrDefault(provider, this.site));
    }
}
