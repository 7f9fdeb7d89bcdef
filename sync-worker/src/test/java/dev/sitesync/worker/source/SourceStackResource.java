package dev.sitesync.worker.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.sim.SimSites;
import dev.sitesync.testsupport.process.PackagedServices;

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

    /** The sync user's roles unless the test names others (init argument {@code syncUserRoles}). */
    static final String SYNC_USER_ROLES = "Item Manager,Sales Master Manager,SiteSync Sync,System Manager";

    private static SimSites sites;
    private final PackagedServices services = new PackagedServices();
    private String syncUserRoles = SYNC_USER_ROLES;
    private String itemCaptureCron;

    /** The simulated sites, to work on them as their people do. */
    static SimSites sites() {
        return sites;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        syncUserRoles = initArgs.getOrDefault("syncUserRoles", SYNC_USER_ROLES);
        // when given, central captures Item only in this off-peak window
        itemCaptureCron = initArgs.get("itemCaptureCron");
    }

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.shared();
        issuer.registerClient("worker-central", "test", "sync-worker");
        Path credentials = PackagedServices.target("source-sites.json");
        JavaService sim = services.start("frappe-sim", "frappe-sim", "frappe_sim", Map.of("FRAPPE_SIM_SITES", SITE,
                "FRAPPE_SIM_CREDENTIALS_FILE", credentials.toString(), "FRAPPE_SIM_TIME_ZONE", SIM_ZONE,
                "FRAPPE_SIM_SYNC_USER_ROLES", syncUserRoles));
        JavaService identity = services.start("identity-service", "identity-service", "identity",
                PackagedServices.securedBy(issuer));
        Map<String, String> ownershipEnvironment = PackagedServices.securedBy(issuer);
        ownershipEnvironment.put("SITESYNC_OWNERSHIP_POLICY_FILE",
                PackagedServices.write("source-policy.yaml", itemCaptureCron == null
                        ? POLICY
                        : POLICY.replace("consumers: [{site: north, excludeFields: [valuation_rate]}, {site: south}]",
                                "consumers: [{site: north, excludeFields: [valuation_rate]}, {site: south}]\n"
                                        + "    capture: {mode: scheduled, cron: \"" + itemCaptureCron + "\"}"))
                        .toString());
        JavaService ownership = services.start("ownership-service", "ownership-service", "ownership",
                ownershipEnvironment);
        for (JavaService service : List.of(sim, identity, ownership)) {
            service.awaitReady(START);
        }
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

    @Override
    public void stop() {
        if (sites != null) {
            sites.close();
        }
        services.close();
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
