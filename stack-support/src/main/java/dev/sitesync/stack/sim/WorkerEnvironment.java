package dev.sitesync.stack.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a site's sync-worker process starts with, as the stack on one machine, the worker tests and the
 * benchmarks all start it: the site and its sync user, the services it asks, its client credentials at the issuer
 * and its peers. Each setting is one of the worker's documented environment variables.
 */
public final class WorkerEnvironment {

    private final Map<String, String> environment = new HashMap<>();

    private WorkerEnvironment(String site) {
        environment.put("SITESYNC_SITE", site);
    }

    /** A worker for {@code site} of frappe-sim, signing in as the site's sync user. */
    public static WorkerEnvironment forSite(String site, SimSites sites) {
        return new WorkerEnvironment(site)
                .set("SITESYNC_WORKER_FRAPPE_URL", sites.baseUrl(site))
                .set("SITESYNC_WORKER_FRAPPE_SITE_NAME", sites.siteName(site))
                .set("SITESYNC_WORKER_FRAPPE_API_KEY", sites.apiKey(site, "sync"))
                .set("SITESYNC_WORKER_FRAPPE_API_SECRET", sites.apiSecret(site, "sync"));
    }

    /** The environment-variable form of a site code in a name: {@code central} → {@code CENTRAL}. */
    public static String envName(String site) {
        return site.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public WorkerEnvironment services(String identityUrl, String ownershipUrl) {
        return set("SITESYNC_WORKER_SERVICES_IDENTITY_URL", identityUrl)
                .set("SITESYNC_WORKER_SERVICES_OWNERSHIP_URL", ownershipUrl);
    }

    /** The worker's own client at the issuer, for the tokens it sends to services and peers. */
    public WorkerEnvironment client(String issuerUrl, String clientId, String secret) {
        return set("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", issuerUrl)
                .set("QUARKUS_OIDC_CLIENT_CLIENT_ID", clientId)
                .set("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", secret);
    }

    /** Every site's worker by code (its own included: a worker skips itself). */
    public WorkerEnvironment peers(Map<String, String> workerUrls) {
        workerUrls.forEach((peer, url) -> set("SITESYNC_WORKER_PEERS_" + envName(peer), url));
        return this;
    }

    /** Onboarding points the site's webhooks at the gateway, signed with this secret. */
    public WorkerEnvironment webhooksThrough(String gatewayUrl, String webhookSecret) {
        return set("SITESYNC_WORKER_GATEWAY_URL", gatewayUrl)
                .set("SITESYNC_WORKER_FRAPPE_WEBHOOK_SECRET", webhookSecret);
    }

    /** How often the worker polls its site, in whole seconds (the scheduler's form). */
    public WorkerEnvironment pollEvery(Duration interval) {
        return set("SITESYNC_WORKER_POLL_INTERVAL", Math.max(1, interval.toSeconds()) + "s");
    }

    public WorkerEnvironment applyRate(int perSecond) {
        return set("SITESYNC_WORKER_APPLY_RATE_PER_SECOND", String.valueOf(perSecond));
    }

    public WorkerEnvironment set(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Map<String, String> toMap() {
        return new HashMap<>(environment);
    }
}
