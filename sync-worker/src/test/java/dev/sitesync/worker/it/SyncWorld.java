package dev.sitesync.worker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.testsupport.oidc.TestIssuer;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;
import dev.sitesync.testsupport.process.JavaService;
import dev.sitesync.testsupport.process.Ports;
import dev.sitesync.testsupport.sim.SimSites;
import dev.sitesync.testsupport.sim.WorkerEnvironment;

/**
 * Real parts, each its own process: frappe-sim with three sites, identity-service, ownership-service and one
 * sync-worker per site, each service on its own database of the test PostgreSQL, all with real OIDC tokens.
 */
final class SyncWorld implements AutoCloseable {

    static final List<String> SITES = List.of("central", "north", "south");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(240);

    final Path state;
    final TestIssuer issuer = TestIssuer.shared();
    final TestDatabase simDatabase;
    final Map<String, TestDatabase> workerDatabases = new LinkedHashMap<>();
    final Map<String, String> workerUrls = new LinkedHashMap<>();
    private final List<JavaService> services = new ArrayList<>();
    private final Map<String, List<JavaService>> workers = new LinkedHashMap<>();
    private SimSites sites;
    private String identityUrl;
    private String ownershipUrl;

    private SyncWorld() throws IOException {
        // under target/, so the services' logs stay for a look after a failure
        Files.createDirectories(Path.of("target"));
        state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-world-");
        simDatabase = TestPostgres.server().createDatabase("frappe_sim");
    }

    static SyncWorld start() throws Exception {
        SyncWorld world = new SyncWorld();
        try {
            world.startAll();
            return world;
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        TestPostgres postgres = TestPostgres.server();
        JavaService sim = start("frappe-sim", simDatabase, Map.of(
                "FRAPPE_SIM_SITES", String.join(",", SITES),
                "FRAPPE_SIM_CREDENTIALS_FILE", state.resolve("sites.json").toString(),
                "FRAPPE_SIM_SYNC_USER_ROLES",
                "Item Manager,Sales Master Manager,Stock User,Sales User,SiteSync Sync,System Manager",
                "FRAPPE_SIM_WEBHOOKS_RETRY_DELAYS", "100ms,200ms"));
        JavaService identity = start("identity-service", postgres.createDatabase("identity"), Map.of());
        JavaService ownership = start("ownership-service", postgres.createDatabase("ownership"), Map.of(
                "SITESYNC_OWNERSHIP_POLICY_FILE", Path.of("src/test/resources/it-policy.yaml").toAbsolutePath().toString()));
        sim.awaitReady(START);
        identity.awaitReady(START);
        ownership.awaitReady(START);
        identityUrl = identity.url();
        ownershipUrl = ownership.url();
        sites = SimSites.read(state.resolve("sites.json"), SITES);
        for (String site : SITES) {
            workerDatabases.put(site, postgres.createDatabase("worker_" + site));
            workerUrls.put(site, "http://127.0.0.1:" + Ports.free());
        }
        for (String site : SITES) {
            workers.put(site, new ArrayList<>(List.of(startWorker(site, workerUrls.get(site)))));
        }
        for (List<JavaService> replicas : workers.values()) {
            replicas.get(0).awaitReady(START);
        }
    }

    private JavaService start(String module, TestDatabase database, Map<String, String> extra) {
        return start(module, module, Ports.free(), database, extra);
    }

    private JavaService start(String name, String module, int port, TestDatabase database, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url(),
                "QUARKUS_OIDC_TOKEN_AUDIENCE", TestIssuer.AUDIENCE));
        environment.putAll(extra);
        JavaService service = JavaService.start(name, ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                port, ROOT, state.resolve("logs"), environment);
        services.add(service);
        return service;
    }

    /** Starts a worker process for the site on the given URL's port (a replica when one runs already). */
    JavaService startWorker(String site, String url) {
        String client = "worker-" + site;
        issuer.registerClient(client, "secret-" + site, "sync-worker");
        Map<String, String> environment = WorkerEnvironment.forSite(site, sites).services(identityUrl, ownershipUrl)
                .client(issuer.url(), client, "secret-" + site).peers(workerUrls).pollEvery(Duration.ofSeconds(1))
                .applyRate(500)
                .set("SITESYNC_WORKER_APPLY_LEASE", "10s")
                .set("SITESYNC_WORKER_METRICS_INTERVAL", "2s")
                .set("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "8")
                .toMap();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        return start("worker-" + site + "-" + port, "sync-worker", port, workerDatabases.get(site), environment);
    }

    /** A second replica of a site's worker, on the same database, for tests of shared work. */
    JavaService startReplica(String site) {
        JavaService replica = startWorker(site, "http://127.0.0.1:" + Ports.free());
        workers.get(site).add(replica);
        replica.awaitReady(START);
        return replica;
    }

    /** The log of the site's first worker process. */
    Path workerLog(String site) {
        return workers.get(site).get(0).log();
    }

    String identityUrl() {
        return identityUrl;
    }

    /** A Frappe client for the site as its Administrator: the people working on that site, in tests. */
    FrappeClient admin(String site) {
        return sites.admin(site);
    }

    String token(String... roles) {
        return issuer.token("tester", roles);
    }

    Connection sql(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() {
        if (sites != null) {
            sites.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }
}
