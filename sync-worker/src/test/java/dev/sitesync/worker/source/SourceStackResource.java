package dev.sitesync.worker.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.stack.sim.SimSites;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;

/**
 * What the source side works with, as real processes: frappe-sim serving central (in Europe/Berlin, its sync user
 * without the Sales roles), identity-service, and ownership-service with a policy where central owns the catalogue
 * (Item, Item Group) for north and south, north owns Customer, and Sales Order is referenced. The worker under test is
 * central's, in this JVM. The applications must have been packaged (the reactor builds them first).
 */
public class SourceStackResource implements QuarkusTestResourceLifecycleManager {

    static final String SITE = "central";
    static final String SIM_ZONE = "Europe/Berlin";
    private static final Duration START = Duration.ofSeconds(180);
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static SimSites sites;
    private final List<JavaService> services = new ArrayList<>();

    /** The simulated sites, to work on them as their people do. */
    static SimSites sites() {
        return sites;
    }

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.shared();
        issuer.registerClient("worker-central", "test", "sync-worker");
        Path credentials = TARGET.resolve("source-sites.json");
        Path policy = write("source-policy.yaml", POLICY);
        JavaService sim = start("frappe-sim", "frappe_sim", Map.of("FRAPPE_SIM_SITES", SITE,
                "FRAPPE_SIM_CREDENTIALS_FILE", credentials.toString(), "FRAPPE_SIM_TIME_ZONE", SIM_ZONE,
                "FRAPPE_SIM_SYNC_USER_ROLES", "Item Manager,Sales Master Manager,SiteSync Sync,System Manager"));
        JavaService identity = start("identity-service", "identity", service(issuer));
        Map<String, String> ownershipEnvironment = service(issuer);
        ownershipEnvironment.put("SITESYNC_OWNERSHIP_POLICY_FILE", policy.toString());
        JavaService ownership = start("ownership-service", "ownership", ownershipEnvironment);
        services.forEach(service -> service.awaitReady(START));
        sites = SimSites.read(credentials, List.of(SITE));
        Map<String, String> config = new HashMap<>();
        config.put("sitesync.worker.frappe.url", sim.url());
        config.put("sitesync.worker.frappe.site-name", sites.siteName(SITE));
        config.put("sitesync.worker.frappe.api-key", sites.apiKey(SITE, "sync"));
        config.put("sitesync.worker.frappe.api-secret", sites.apiSecret(SITE, "sync"));
        config.put("sitesync.worker.services.identity-url", identity.url());
        config.put("sitesync.worker.services.ownership-url", ownership.url());
        // a failed event waits at least 15 s, so a test sees it wait rather than race its retry
        config.put("sitesync.worker.events.first-backoff", "30s");
        return config;
    }

    private static Map<String, String> service(LocalIssuer issuer) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE);
        environment.put("QUARKUS_LOG_LEVEL", "WARN");
        return environment;
    }

    private JavaService start(String module, String database, Map<String, String> environment) {
        Path runner = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing; package " + module + " first: ./mvnw -pl " + module
                    + " package -DskipTests");
        }
        TestDatabase db = TestPostgres.server().createDatabase(database);
        Map<String, String> all = new HashMap<>(environment);
        all.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        all.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        all.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        all.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        JavaService service = JavaService.start(module, runner, Ports.free(), TARGET, TARGET, all);
        services.add(service);
        return service;
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(TARGET.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (sites != null) {
            sites.close();
        }
        services.forEach(JavaService::close);
    }

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
                businessOwner: Sales
                technicalOwner: ERP team
                escalation: On-call
                owner: central
                consumers: [{site: north, excludeFields: [valuation_rate]}, {site: south}]
              - doctype: Item Group
                class: MASTER
                businessOwner: Sales
                technicalOwner: ERP team
                escalation: On-call
                owner: central
                consumers: [{site: north}, {site: south}]
              - doctype: Customer
                class: MASTER
                businessOwner: Sales
                technicalOwner: ERP team
                escalation: On-call
                owner: north
                consumers: [{site: central}]
              - doctype: Sales Order
                class: REFERENCE_ONLY
                businessOwner: Sales
                technicalOwner: ERP team
                escalation: On-call
            """;
}
