package dev.sitesync.bench.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.stack.process.Readiness;
import dev.sitesync.stack.sim.SimSites;
import dev.sitesync.stack.sim.WorkerEnvironment;

/**
 * SiteSync as deployed, on one machine: frappe-sim with three sites, identity-service, ownership-service (central
 * owns the catalogue), inbound-gateway and one worker per site, each a real process on the embedded PostgreSQL. The
 * owner's worker is onboarded with the gateway's URL and its webhook secret, so the site's webhooks travel
 * site → gateway /hooks/central (address range, HMAC, replay record) → central's worker.
 */
public final class SyncStack {

    static final String OWNER = "central";
    static final List<String> CONSUMERS = List.of("north", "south");
    public static final List<String> SITES = List.of(OWNER, "north", "south");
    private static final Duration START = Duration.ofSeconds(180);
    private static final String WEBHOOK_SECRET = "bench-webhook-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchServices services;
    private final Map<String, String> workers = new LinkedHashMap<>();
    private SimSites sites;
    private String identity;
    private String ownership;

    public SyncStack(BenchServices services) {
        this.services = services;
    }

    /** frappe-sim with the three sites, before anything synchronizes with them. */
    public void startSites() throws IOException {
        Path file = services.state().resolve("sites.json");
        services.start("frappe-sim", "frappe_sim", Map.of("FRAPPE_SIM_SITES", String.join(",", SITES),
                "FRAPPE_SIM_CREDENTIALS_FILE", file.toString(),
                "FRAPPE_SIM_SYNC_USER_ROLES",
                "Item Manager,Sales Master Manager,Stock User,Sales User,SiteSync Sync,System Manager",
                // request counters per site: what SiteSync asks of the sites, per synced document
                "FRAPPE_SIM_ADMIN_ENABLED", "true"));
        sites = SimSites.read(file, SITES);
    }

    /** The services, the gateway and a worker per site; then onboarding and the workers' first poll. */
    public void startSync(Duration ownerPoll, int applyRate, int applyConcurrency)
            throws IOException, SQLException, InterruptedException {
        Path policy = services.state().resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        identity = services.start("identity-service", "identity", Map.of());
        ownership = services.start("ownership-service", "ownership",
                Map.of("SITESYNC_OWNERSHIP_POLICY_FILE", policy.toString()));
        SITES.forEach(site -> workers.put(site, "http://127.0.0.1:" + Ports.free()));
        String gateway = startGateway();
        Map<String, JavaService> started = new LinkedHashMap<>();
        for (String site : SITES) {
            started.put(site, startWorker(site, site.equals(OWNER) ? gateway : null,
                    site.equals(OWNER) ? ownerPoll : Duration.ofSeconds(5), applyRate, applyConcurrency));
        }
        for (JavaService worker : started.values()) {
            worker.awaitReady(START);
        }
        for (String site : SITES) {
            post(workers.get(site) + "/ops/v1/onboard", services.issuer().token("bench-admin", "sync-admin"), 200);
        }
        // the first poll cycle places each checkpoint at the site's newest document; later changes are captured
        for (String site : SITES) {
            awaitCount(site, "select count(*) from checkpoint where capture = 'poll'", 5);
        }
    }

    /** A second process of each consumer's worker on the same database, sharing the work through its leases. */
    void startReplicas(Duration poll, int applyRate, int applyConcurrency) throws IOException {
        for (String site : CONSUMERS) {
            JavaService replica = launchWorker(site, site + "-replica", Ports.free(), null, poll, applyRate,
                    applyConcurrency);
            replica.awaitReady(START);
        }
    }

    private JavaService startWorker(String site, String gateway, Duration poll, int applyRate, int applyConcurrency)
            throws IOException {
        int port = Integer.parseInt(workers.get(site).substring(workers.get(site).lastIndexOf(':') + 1));
        return launchWorker(site, site, port, gateway, poll, applyRate, applyConcurrency);
    }

    /** A worker process; {@code applyConcurrency} 0 leaves the worker's default. */
    private JavaService launchWorker(String site, String name, int port, String gateway, Duration poll, int applyRate,
            int applyConcurrency) throws IOException {
        String client = "worker-" + site;
        services.issuer().registerClient(client, "secret-" + site, "sync-worker");
        WorkerEnvironment environment = WorkerEnvironment.forSite(site, sites).services(identity, ownership)
                .client(services.issuer().url(), client, "secret-" + site).peers(workers).pollEvery(poll)
                .applyRate(applyRate);
        if (gateway != null) {
            environment.webhooksThrough(gateway, WEBHOOK_SECRET);
        }
        if (applyConcurrency > 0) {
            environment.set("SITESYNC_WORKER_APPLY_CONCURRENCY", String.valueOf(applyConcurrency));
        }
        return services.launch("worker-" + name, "sync-worker", port, "worker_" + site, environment.toMap());
    }

    /** The gateway, routing /hooks/central to central's worker; its limits raised so they are not what is measured. */
    private String startGateway() throws IOException {
        services.issuer().registerClient("inbound-gateway", "bench-gateway-secret", "gateway");
        int managementPort = Ports.free();
        Map<String, String> environment = new HashMap<>();
        environment.put("SITESYNC_GATEWAY_CLIENT_ID", "inbound-gateway");
        environment.put("SITESYNC_GATEWAY_CLIENT_SECRET", "bench-gateway-secret");
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("SITESYNC_GATEWAY_SITES_URL", ownership);
        environment.put("SITESYNC_GATEWAY_WORKERS_URL", workers.get(OWNER));
        environment.put("SITESYNC_GATEWAY_WORKERS_SITES_" + OWNER.toUpperCase(), workers.get(OWNER));
        environment.put("SITESYNC_WEBHOOK_SECRETS_" + OWNER.toUpperCase(), WEBHOOK_SECRET);
        environment.put("SITESYNC_GATEWAY_LIMITS_SITE_CAPACITY", "1000000");
        environment.put("SITESYNC_GATEWAY_LIMITS_CLIENT_CAPACITY", "1000000");
        JavaService gateway = services.launch("inbound-gateway", "inbound-gateway", Ports.free(), "gateway", environment);
        // the gateway answers health on its management port only
        gateway.awaitReady("http://127.0.0.1:" + managementPort + "/q/health/ready", START);
        return gateway.url();
    }

    /** SiteSync's own processes (services, gateway, workers), and frappe-sim, for their CPU time. */
    List<JavaService> sitesync() {
        return services.started().values().stream().filter(service -> !service.name().equals("frappe-sim")).toList();
    }

    List<JavaService> sites() {
        return List.of(services.started().get("frappe-sim"));
    }

    /** Requests the three sites answered so far, per site and kind ({@code central list}, ...), from frappe-sim. */
    Map<String, Long> siteRequests() throws IOException, InterruptedException {
        Map<String, Long> counts = new TreeMap<>();
        for (String site : SITES) {
            JSON.readTree(get(services.started().get("frappe-sim").url() + "/admin/requests/" + site)).path("by_kind")
                    .fields().forEachRemaining(kind -> counts.put(site + " " + kind.getKey(), kind.getValue().asLong()));
        }
        return counts;
    }

    long postgresPid() throws IOException {
        return services.postgresPid();
    }

    Map<String, Duration> postgresCpuByDatabase() {
        return services.postgresCpuByDatabase();
    }

    Map<String, Long> transactions() {
        return services.transactions();
    }

    long identityCalls() throws IOException, InterruptedException {
        return serviceCalls(identity);
    }

    long ownershipCalls() throws IOException, InterruptedException {
        return serviceCalls(ownership);
    }

    /** API requests a service answered so far, from its Prometheus metrics (health and metrics not counted). */
    private static long serviceCalls(String service) throws IOException, InterruptedException {
        return get(service + "/q/metrics").lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && !line.contains("uri=\"/q/"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf("} ") + 2).split("\\s+")[0]))
                .sum();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The base URL of a site's worker. */
    public String worker(String site) {
        return workers.get(site);
    }

    /** The base URL of ownership-service. */
    public String ownership() {
        return ownership;
    }

    /** A Frappe client for the site as its Administrator: the people working on that site. */
    FrappeClient admin(String site, int concurrency) {
        return sites.admin(site, concurrency);
    }

    /** A connection to a site's worker database, to read its sync log. */
    public Connection workerDatabase(String site) throws SQLException {
        return DriverManager.getConnection(services.postgres().jdbcUrl("worker_" + site), LocalPostgres.USER,
                LocalPostgres.PASSWORD);
    }

    private void awaitCount(String site, String sql, long atLeast) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = workerDatabase(site);
                    var rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                if (rows.getLong(1) >= atLeast) {
                    return;
                }
            }
            Readiness.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Worker " + site + " did not reach " + atLeast + " for: " + sql);
    }

    private static void post(String url, String token, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(2)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    public void close() {
        if (sites != null) {
            sites.close();
        }
    }

    /** Central owns the catalogue; north and south consume it; webhooks are taken from the loopback address. */
    private static final String POLICY = """
            sites:
              - {code: central, name: Central, baseUrl: "http://central.test", status: active,
                 versions: {frappe: "15.40.0", erpnext: "15.35.0"}, webhookCidrs: [127.0.0.1/32]}
              - {code: north, name: North, baseUrl: "http://north.test", status: active,
                 versions: {frappe: "15.40.0", erpnext: "15.35.0"}, webhookCidrs: [127.0.0.1/32]}
              - {code: south, name: South, baseUrl: "http://south.test", status: active,
                 versions: {frappe: "15.40.0", erpnext: "15.35.0"}, webhookCidrs: [127.0.0.1/32]}
            domains:
              - doctype: Item
                class: MASTER
                owner: central
                consumers: [{site: north, excludeFields: [valuation_rate]}, {site: south, excludeFields: [valuation_rate]}]
                businessOwner: Purchasing
                technicalOwner: ERP platform team
                escalation: ERP on-call
              - doctype: Item Group
                class: MASTER
                owner: central
                consumers: [{site: north}, {site: south}]
                businessOwner: Purchasing
                technicalOwner: ERP platform team
                escalation: ERP on-call
              - doctype: UOM
                class: MASTER
                owner: central
                consumers: [{site: north}, {site: south}]
                businessOwner: Purchasing
                technicalOwner: ERP platform team
                escalation: ERP on-call
              - doctype: Sales Order
                class: REFERENCE_ONLY
                businessOwner: Sales
                technicalOwner: ERP platform team
                escalation: ERP on-call
            """;
}
