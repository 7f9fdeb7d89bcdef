package dev.sitesync.guard.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.frappe.client.ListQuery;

/**
 * The site the tests order from: frappe-sim's site {@value #CODE}, seeded with the masters (company {@value #COMPANY},
 * warehouse {@value #STORES}, territory {@value #TERRITORY}) plus the items with their Bins and selling prices, the
 * customers and the guard's own API user below. Faults are queued on the simulator's admin API. One per test JVM.
 */
public final class ShopSite {

    public static final String CODE = "shop";
    public static final String COMPANY = "_Test Company";
    public static final String CURRENCY = "INR";
    public static final String STORES = "Stores - _TC";
    public static final String ANNEX = "Annex - _TC";
    public static final String TERRITORY = "_Test Territory";
    public static final String PRICE_LIST = "Standard Selling";
    public static final String CUSTOMER = "Guard Customer";
    public static final String TRUSTED_CUSTOMER = "Trusted Customer";
    public static final String GUARD_USER = "guard@sitesync.local";
    public static final String GUARD_KEY = "guard-test-key";
    public static final String GUARD_SECRET = "guard-test-secret";
    /** What the guard's API user may do: Sales Orders, Bins and prices; Payment Entries and what the audits read. */
    public static final List<String> GUARD_ROLES = List.of("Sales User", "Accounts User");

    /** Plenty in both warehouses, costing 40 a unit, listed at 100. */
    public static final String MUG = "GUARD-MUG";
    /** Three in stores, costing 300 a unit, listed at 400. */
    public static final String LAMP = "GUARD-LAMP";
    /** A stock item that never had a Bin. */
    public static final String NEW_ITEM = "GUARD-NEW";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ShopSite shared;

    private final FrappeSimProcess sim;
    private final Vertx vertx = Vertx.vertx();
    private final FrappeClient admin;
    private final ObjectMapper json = new ObjectMapper();

    private ShopSite() {
        sim = FrappeSimProcess.start(CODE);
        admin = FrappeClient.create(vertx, FrappeSite.of(sim.baseUrl(), sim.administrator()).withSiteName(CODE));
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
        return sim.baseUrl();
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

    public ObjectNode update(String doctype, String name, ObjectNode changes) {
        return admin.update(doctype, name, changes).await().atMost(Duration.ofSeconds(10));
    }

    public ObjectNode submit(String doctype, String name) {
        return admin.submit(doctype, name).await().atMost(Duration.ofSeconds(10));
    }

    public List<ObjectNode> list(String doctype, Filter... filters) {
        return admin.list(ListQuery.of(doctype).fields("*").where(filters).unlimited()).await()
                .atMost(Duration.ofSeconds(10));
    }

    /** The Payment Entries (not cancelled) allocated to a Sales Order. */
    public List<ObjectNode> paymentEntriesFor(String salesOrder) {
        return list("Payment Entry", Filter.eq("reference_name", salesOrder).on("Payment Entry Reference"),
                Filter.ne("docstatus", 2));
    }

    /** A stock item with a Bin in {@value #STORES} holding {@code actual} at {@code valuationRate} a unit. */
    public void stockItem(String code, double actual, double valuationRate) {
        insert("Item", object().put("item_code", code).put("item_group", "Products").put("stock_uom", "Nos")
                .put("is_stock_item", 1));
        insert("Bin", object().put("item_code", code).put("warehouse", STORES).put("actual_qty", actual)
                .put("valuation_rate", valuationRate).put("stock_uom", "Nos"));
    }

    /** The item's selling price in {@value #PRICE_LIST}. */
    public void price(String code, double rate) {
        insert("Item Price", object().put("item_code", code).put("price_list", PRICE_LIST).put("price_list_rate", rate));
    }

    /**
     * The next {@code count} writes of the doctype asked for by {@code method} fail with 503 and write nothing, as a
     * site briefly down does.
     */
    public void failNext(String doctype, String method, int count) {
        writeFault(object().put("doctype", doctype).put("operation", method).put("times", count)
                .put("error_status", 503));
    }

    /**
     * The next write of the doctype asked for by {@code method} commits only after {@code delay}, however long its
     * caller waits.
     */
    public void delayNext(String doctype, String method, Duration delay) {
        writeFault(object().put("doctype", doctype).put("operation", method).put("times", 1)
                .put("hold_commit_ms", delay.toMillis()));
    }

    /** Gives the guard's API user these roles only (e.g. without Accounts User it reads no accounting doctype). */
    public void guardRoles(List<String> roles) {
        ObjectNode user = object();
        ArrayNode rows = user.putArray("roles");
        roles.forEach(role -> rows.addObject().put("role", role));
        update("User", GUARD_USER, user);
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** Sets the site's fault plan to this one write rule, replacing the plan before. */
    private void writeFault(ObjectNode rule) {
        ObjectNode plan = object();
        plan.putArray("writes").add(rule);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/admin/faults/" + CODE))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(plan.toString()))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("frappe-sim refused the fault: " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("frappe-sim's fault API is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void seed() {
        insert("Warehouse", object().put("warehouse_name", "Annex").put("company", COMPANY)
                .put("parent_warehouse", "All Warehouses - _TC"));
        stockItem(MUG, 1_000_000, 40);
        insert("Bin", object().put("item_code", MUG).put("warehouse", ANNEX).put("actual_qty", 1_000_000)
                .put("valuation_rate", 40).put("stock_uom", "Nos"));
        price(MUG, 100);
        stockItem(LAMP, 3, 300);
        price(LAMP, 400);
        insert("Item", object().put("item_code", NEW_ITEM).put("item_group", "Products").put("stock_uom", "Nos")
                .put("is_stock_item", 1));
        price(NEW_ITEM, 100);
        for (String customer : List.of(CUSTOMER, TRUSTED_CUSTOMER)) {
            insert("Customer", object().put("customer_name", customer).put("customer_group", "Commercial")
                    .put("territory", TERRITORY));
        }
        insert("Custom Field", object().put("dt", "Sales Order").put("fieldname", "sitesync_hold_note")
                .put("label", "Hold note").put("fieldtype", "Small Text"));
        insert("Custom Field", object().put("dt", "Sales Order").put("fieldname", "sitesync_decision")
                .put("label", "SiteSync decision").put("fieldtype", "Data"));
        ObjectNode guard = object().put("email", GUARD_USER).put("first_name", "Commerce Guard")
                .put("api_key", GUARD_KEY).put("api_secret", GUARD_SECRET);
        ArrayNode roles = guard.putArray("roles");
        GUARD_ROLES.forEach(role -> roles.addObject().put("role", role));
        insert("User", guard);
    }
}
