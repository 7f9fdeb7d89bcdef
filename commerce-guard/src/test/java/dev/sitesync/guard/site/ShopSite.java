package dev.sitesync.guard.site;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;

/**
 * The site the tests order from: frappe-sim's site {@value #CODE}, seeded with the masters (company {@value #COMPANY},
 * warehouse {@value #STORES}, territory {@value #TERRITORY}) plus the items, Bins, customers and the guard's own API
 * user below, behind a {@link SiteFront} for the doctypes the simulator lacks. One per test JVM.
 */
public final class ShopSite {

    public static final String CODE = "shop";
    public static final String COMPANY = "_Test Company";
    public static final String CURRENCY = "INR";
    public static final String STORES = "Stores - _TC";
    public static final String ANNEX = "Annex - _TC";
    public static final String TERRITORY = "_Test Territory";
    public static final String CUSTOMER = "Guard Customer";
    public static final String TRUSTED_CUSTOMER = "Trusted Customer";
    public static final String GUARD_USER = "guard@sitesync.local";
    public static final String GUARD_KEY = "guard-test-key";
    public static final String GUARD_SECRET = "guard-test-secret";

    /** Plenty in both warehouses, costing 40 a unit. */
    public static final String MUG = "GUARD-MUG";
    /** Three in stores, costing 300 a unit. */
    public static final String LAMP = "GUARD-LAMP";
    /** A stock item that never had a Bin. */
    public static final String NEW_ITEM = "GUARD-NEW";

    private static ShopSite shared;

    private final FrappeSimProcess sim;
    private final SiteFront front;
    private final Vertx vertx = Vertx.vertx();
    private final FrappeClient admin;
    private final ObjectMapper json = new ObjectMapper();

    private ShopSite() {
        sim = FrappeSimProcess.start(CODE);
        front = SiteFront.before(sim.baseUrl());
        admin = FrappeClient.create(vertx, site(sim.administrator()));
        seed();
    }

    public static synchronized ShopSite shared() {
        if (shared == null) {
            shared = new ShopSite();
        }
        return shared;
    }

    /** Where the guard reaches the site. */
    public String url() {
        return front.url();
    }

    public SiteFront front() {
        return front;
    }

    /** The site as its Administrator, to arrange data and look at what the guard did. */
    public FrappeClient admin() {
        return admin;
    }

    public ObjectNode get(String doctype, String name) {
        return admin.get(doctype, name).await().atMost(Duration.ofSeconds(10));
    }

    public ObjectNode insert(String doctype, ObjectNode document) {
        return admin.insert(doctype, document).await().atMost(Duration.ofSeconds(10));
    }

    public ObjectNode submit(String doctype, String name) {
        return admin.submit(doctype, name).await().atMost(Duration.ofSeconds(10));
    }

    /** A stock item with a Bin in {@value #STORES} holding {@code actual} at {@code valuationRate} a unit. */
    public void stockItem(String code, double actual, double valuationRate) {
        insert("Item", object().put("item_code", code).put("item_group", "Products").put("stock_uom", "Nos")
                .put("is_stock_item", 1));
        insert("Bin", object().put("item_code", code).put("warehouse", STORES).put("actual_qty", actual)
                .put("valuation_rate", valuationRate).put("stock_uom", "Nos"));
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    private void seed() {
        insert("Warehouse", object().put("warehouse_name", "Annex").put("company", COMPANY)
                .put("parent_warehouse", "All Warehouses - _TC"));
        stockItem(MUG, 1_000_000, 40);
        insert("Bin", object().put("item_code", MUG).put("warehouse", ANNEX).put("actual_qty", 1_000_000)
                .put("valuation_rate", 40).put("stock_uom", "Nos"));
        stockItem(LAMP, 3, 300);
        insert("Item", object().put("item_code", NEW_ITEM).put("item_group", "Products").put("stock_uom", "Nos")
                .put("is_stock_item", 1));
        for (String customer : List.of(CUSTOMER, TRUSTED_CUSTOMER)) {
            insert("Customer", object().put("customer_name", customer).put("customer_group", "Commercial")
                    .put("territory", TERRITORY));
        }
        insert("Custom Field", object().put("dt", "Sales Order").put("fieldname", "sitesync_hold_note")
                .put("label", "Hold note").put("fieldtype", "Small Text"));
        ObjectNode guard = object().put("email", GUARD_USER).put("first_name", "Commerce Guard")
                .put("api_key", GUARD_KEY).put("api_secret", GUARD_SECRET);
        guard.putArray("roles").addObject().put("role", "Sales User");
        insert("User", guard);
    }

    private FrappeSite site(ApiCredentials credentials) {
        return FrappeSite.of(front.url(), credentials).withSiteName(CODE);
    }
}
