package dev.sitesync.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.sim.SimSites;
import dev.sitesync.stack.sim.WorkerEnvironment;

/** The environment each service of the stack starts with: its database, the issuer, its peers and its secrets. */
final class ServiceEnvironments {

    private final StackOptions options;
    private final LocalPostgres postgres;
    private final Issuer issuer;

    ServiceEnvironments(StackOptions options, LocalPostgres postgres, Issuer issuer) {
        this.options = options;
        this.postgres = postgres;
        this.issuer = issuer;
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    Map<String, String> frappeSim(Path credentialsFile) {
        Map<String, String> environment = database("frappe_sim");
        environment.put("FRAPPE_SIM_SITES", String.join(",", StackSites.CODES));
        environment.put("FRAPPE_SIM_CREDENTIALS_FILE", credentialsFile.toString());
        // onboarding creates the custom field and the webhooks as the sync user
        environment.put("FRAPPE_SIM_SYNC_USER_ROLES",
                "Item Manager,Sales Master Manager,Stock User,Sales User,SiteSync Sync,System Manager");
        environment.put("FRAPPE_SIM_WEBHOOKS_RETRY_DELAYS", "500ms,2s");
        // outages, slow or refusing sites on demand (PUT /admin/faults/{site}), to try a runbook or a fault test
        environment.put("FRAPPE_SIM_FAULTS_ENABLED", "true");
        environment.remove("QUARKUS_OIDC_AUTH_SERVER_URL");
        return environment;
    }

    Map<String, String> identity() {
        return withIssuer(database("identity"));
    }

    Map<String, String> ownership(Path policyFile) {
        Map<String, String> environment = withIssuer(database("ownership"));
        environment.put("SITESYNC_OWNERSHIP_POLICY_FILE", policyFile.toString());
        return environment;
    }

    Map<String, String> worker(String site, SimSites sites) {
        StackPorts ports = options.ports();
        Map<String, String> environment = withIssuer(database("worker_" + site));
        Map<String, String> peers = new LinkedHashMap<>();
        ports.workers().forEach((peer, port) -> peers.put(peer, url(port)));
        environment.putAll(WorkerEnvironment.forSite(site, sites)
                .services(url(ports.identity()), url(ports.ownership()))
                .client(issuer.url(), Issuer.workerClient(site), issuer.secret(Issuer.workerClient(site)))
                .peers(peers)
                .webhooksThrough(url(ports.gateway()), StackSites.webhookSecret(site))
                .pollEvery(Duration.ofSeconds(1))
                .applyRate(200)
                // webhooks capture what changes; the poll re-reads 5 s behind and leaves younger rows to them
                .set("SITESYNC_WORKER_POLL_OVERLAP", "5s")
                // pages of 50, so a few hundred documents already cross page boundaries, as a large site's do
                .set("SITESYNC_WORKER_POLL_PAGE_SIZE", "50")
                .set("SITESYNC_WORKER_APPLY_LEASE", "10s")
                .set("SITESYNC_WORKER_APPLY_RENEWAL", "3s")
                // a site or peer back from an outage is noticed within seconds
                .set("SITESYNC_WORKER_CIRCUITS_MAX_PROBE", "5s")
                .set("SITESYNC_WORKER_CIRCUITS_CREDENTIALS_PROBE", "5s")
                // a consumer's schema drift parks its doctype within seconds, not a minute
                .set("SITESYNC_WORKER_SCHEMA_CHECK_INTERVAL", "3s")
                // the checker reconciles whole test runs at once: reads as fast as the local sites answer
                .set("SITESYNC_WORKER_RECONCILE_READS_PER_SECOND", "1000")
                .set("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "8")
                .toMap());
        return environment;
    }

    Map<String, String> gateway() {
        Map<String, String> environment = withIssuer(database("gateway"));
        StackPorts ports = options.ports();
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.gatewayManagement()));
        environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        environment.put("SITESYNC_GATEWAY_CLIENT_ID", "inbound-gateway");
        environment.put("SITESYNC_GATEWAY_CLIENT_SECRET", issuer.secret("inbound-gateway"));
        environment.put("SITESYNC_GATEWAY_SITES_URL", url(ports.ownership()));
        environment.put("SITESYNC_GATEWAY_SITES_REFRESH", "5S");
        environment.put("SITESYNC_GATEWAY_PAYMENTS_UPSTREAM", url(ports.guard()));
        environment.put("SITESYNC_GATEWAY_ROUTES_IDENTITIES_UPSTREAM", url(ports.identity()));
        environment.put("SITESYNC_GATEWAY_CONSOLE_UPSTREAM", url(ports.console()));
        // one host, a port per worker: each site's worker by name
        environment.put("SITESYNC_GATEWAY_WORKERS_URL", "http://127.0.0.1:" + ports.workers().get(StackSites.CENTRAL));
        ports.workers().forEach((site, port) -> {
            environment.put("SITESYNC_GATEWAY_WORKERS_SITES_" + StackSites.envName(site), url(port));
            environment.put("SITESYNC_WEBHOOK_SECRETS_" + StackSites.envName(site), StackSites.webhookSecret(site));
        });
        // bulk changes on a site send a webhook each; the default of 50 a second would turn most into 429s
        environment.put("SITESYNC_GATEWAY_LIMITS_SITE_CAPACITY", "500");
        environment.put("SITESYNC_GATEWAY_LIMITS_CLIENT_CAPACITY", "500");
        return environment;
    }

    Map<String, String> guard(Path configFile) {
        Map<String, String> environment = withIssuer(database("guard"));
        environment.put("QUARKUS_CONFIG_LOCATIONS", configFile.toUri().toString());
        environment.put("GUARD_AUDIT_CRON", "off");
        return environment;
    }

    /** The console holds no database and no credentials but its OIDC client's: it calls with each person's token. */
    Map<String, String> console() {
        StackPorts ports = options.ports();
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url());
        environment.put("SITESYNC_CONSOLE_CLIENT_SECRET", issuer.secret("console"));
        // sessions end with the stack: a fresh key each start
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        environment.put("SITESYNC_CONSOLE_SESSION_SECRET", java.util.Base64.getEncoder().encodeToString(key));
        environment.put("SITESYNC_CONSOLE_SITES", String.join(",", StackSites.CODES));
        ports.workers().forEach((site, port) -> environment.put("SITESYNC_CONSOLE_WORKERS_SITES_"
                + StackSites.envName(site), url(port)));
        environment.put("SITESYNC_CONSOLE_OWNERSHIP_URL", url(ports.ownership()));
        environment.put("SITESYNC_CONSOLE_GUARD_URL", url(ports.guard()));
        environment.put("SITESYNC_LOG_JSON", String.valueOf(options.jsonLogs()));
        return environment;
    }

    private Map<String, String> database(String name) {
        postgres.ensureDatabase(name);
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(name));
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(name));
        environment.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        environment.put("SITESYNC_LOG_JSON", String.valueOf(options.jsonLogs()));
        return environment;
    }

    private Map<String, String> withIssuer(Map<String, String> environment) {
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "sitesync");
        return environment;
    }
}
