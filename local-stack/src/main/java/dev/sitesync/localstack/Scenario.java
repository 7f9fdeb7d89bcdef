package dev.sitesync.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.stack.postgres.LocalPostgres;

/**
 * A short walk through what SiteSync does, on the running stack: the catalogue flows from central to north and
 * south, a customer flows from its owner north, an edit on a site that does not own the record is refused, and the
 * guard checks storefront orders that come through the gateway with a Keycloak token. Each step prints one line.
 */
public final class Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step's outcome. */
    public record Step(String name, boolean passed, String detail) {
    }

    private final Stack stack;
    private final OpsApi api;
    private final String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final List<Step> steps = new ArrayList<>();

    public Scenario(Stack stack) {
        this.stack = stack;
        this.api = new OpsApi(stack.issuer());
    }

    /** Runs every step (a failed step does not stop the others) and returns them. */
    public List<Step> run() {
        String group = "Scenario Group " + tag;
        String stocked = "SCN-" + tag + "-MUG";
        String unstocked = "SCN-" + tag + "-LAMP";
        String customer = "Scenario Customer " + tag;
        step("items created on central appear on north and south", () -> catalogue(group, stocked, unstocked));
        step("a customer created on north stays north-owned and reaches central", () -> customer(customer));
        step("an edit on north of central's item is refused as OWNERSHIP_VIOLATION", () -> violation(stocked));
        step("the guard passes a stocked order through the gateway (Keycloak token)",
                () -> order(customer, stocked, "PASS"));
        step("the guard blocks an order of an item without stock", () -> order(customer, unstocked, "BLOCK"));
        return List.copyOf(steps);
    }

    public static boolean passed(List<Step> steps) {
        return steps.stream().allMatch(Step::passed);
    }

    private interface Check {

        String run() throws Exception;
    }

    private void step(String name, Check check) {
        long started = System.nanoTime();
        Step step;
        try {
            step = new Step(name, true, check.run());
        } catch (Exception | AssertionError e) {
            step = new Step(name, false, e.getMessage());
        }
        steps.add(step);
        System.out.printf("  %s %s (%.1f s)%s%n", step.passed() ? "PASS" : "FAIL", name,
                (System.nanoTime() - started) / 1e9, step.detail() == null ? "" : ": " + step.detail());
    }

    private String catalogue(String group, String stocked, String unstocked) {
        FrappeClient central = site(StackSites.CENTRAL);
        insert(central, "Item Group", object().put("item_group_name", group).put("parent_item_group", "All Item Groups"));
        insert(central, "Brand", object().put("brand", "Scenario Brand " + tag));
        // the catalogue team sets up the group and brand first, then the items that use them
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            FrappeClient site = site(consumer);
            require(Waiting.until(() -> count(site, "Item Group", Filter.eq("name", group)) == 1
                    && count(site, "Brand", Filter.eq("name", "Scenario Brand " + tag)) == 1, PATIENCE),
                    "the item group and brand did not reach " + consumer + " within " + PATIENCE.toSeconds() + " s");
        }
        for (String code : List.of(stocked, unstocked)) {
            insert(central, "Item", object().put("item_code", code).put("item_name", "Scenario " + code)
                    .put("item_group", group).put("brand", "Scenario Brand " + tag).put("stock_uom", "Nos")
                    .put("is_stock_item", 1));
        }
        insert(central, "Item Price", object().put("item_code", stocked).put("price_list", "Standard Selling")
                .put("price_list_rate", 20));
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            FrappeClient site = site(consumer);
            require(Waiting.until(() -> count(site, "Item", Filter.like("item_code", "SCN-" + tag + "-%")) == 2
                    && count(site, "Item Price", Filter.eq("item_code", stocked)) == 1, PATIENCE),
                    "the items and the price did not reach " + consumer + " within " + PATIENCE.toSeconds() + " s");
            ObjectNode copy = site.get("Item", stocked).await().atMost(CALL);
            require(group.equals(copy.path("item_group").asText()), consumer + " holds the item in another group");
        }
        return "2 items, their group, brand and a price on north and south";
    }

    private String customer(String name) {
        insert(site(StackSites.NORTH), "Customer", object().put("customer_name", name).put("customer_type", "Company")
                .put("customer_group", "All Customer Groups").put("territory", "North"));
        FrappeClient central = site(StackSites.CENTRAL);
        require(Waiting.until(() -> count(central, "Customer", Filter.eq("customer_name", name)) == 1, PATIENCE),
                "the customer did not reach central within " + PATIENCE.toSeconds() + " s");
        JsonNode identity = api.get(stack.service(Stack.IDENTITY).url() + "/api/v1/identities?site=north&doctype=Customer"
                + "&name=" + name.replace(" ", "%20"), "ops-sre");
        require(StackSites.NORTH.equals(identity.path("originSite").asText()),
                "its identity names origin " + identity.path("originSite"));
        return "on central, origin north (" + identity.path("externalId").asText() + ")";
    }

    private String violation(String code) throws SQLException {
        FrappeClient north = site(StackSites.NORTH);
        north.update("Item", code, object().put("item_name", "Edited on north")).await().atMost(CALL);
        require(Waiting.until(() -> violations(code) >= 1, PATIENCE),
                "north's worker recorded no OWNERSHIP_VIOLATION for " + code);
        String onCentral = site(StackSites.CENTRAL).get("Item", code).await().atMost(CALL).path("item_name").asText();
        require(onCentral.equals("Scenario " + code), "central's item changed to '" + onCentral + "'");
        return "recorded in north's sync log; central unchanged";
    }

    private String order(String customer, String itemCode, String expected) {
        if (expected.equals("PASS")) {
            insert(site(StackSites.CENTRAL), "Bin", object().put("item_code", itemCode).put("warehouse",
                    StackSites.WAREHOUSE).put("actual_qty", 100).put("valuation_rate", 5).put("stock_uom", "Nos"));
        }
        OpsApi.Answer answer = api.call("POST", stack.gatewayUrl() + "/api/v1/orders/check",
                storefrontOrder(customer, itemCode, 2).toString(), "storefront");
        require(answer.status() == 200, "the gateway answered " + answer.status() + ": " + answer.body());
        String verdict = answer.body().path("verdict").asText();
        List<String> rules = new ArrayList<>();
        answer.body().path("findings").forEach(f -> rules.add(f.path("rule").asText()));
        require(verdict.equals(expected), "verdict " + verdict + " " + rules + ", expected " + expected);
        return "verdict " + verdict + (rules.isEmpty() ? "" : " " + rules);
    }

    /**
     * A storefront's order for central as commerce-guard takes it: {@code qty} of the item at 20 INR from the stack's
     * warehouse for the customer, with 18 % VAT, dated today (UTC) and delivered in a week.
     */
    public static ObjectNode storefrontOrder(String customer, String itemCode, int qty) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ObjectNode request = object().put("site", StackSites.CENTRAL);
        ObjectNode order = request.putObject("order").put("customer", customer).put("company", StackSites.COMPANY)
                .put("transaction_date", today.toString()).put("delivery_date", today.plusDays(7).toString())
                .put("currency", "INR");
        order.putArray("taxes").addObject().put("charge_type", "On Net Total").put("account_head", "VAT - _TC")
                .put("description", "VAT").put("rate", 18);
        order.putArray("items").addObject().put("item_code", itemCode).put("qty", qty).put("rate", 20)
                .put("warehouse", StackSites.WAREHOUSE);
        return request;
    }

    private long violations(String code) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(Stack.workerDatabase(StackSites.NORTH)),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
                PreparedStatement query = connection.prepareStatement("select count(*) from sync_log where status = "
                        + "'OWNERSHIP_VIOLATION' and doctype = 'Item' and local_name = ?")) {
            query.setString(1, code);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private FrappeClient site(String code) {
        return stack.sites().admin(code);
    }

    private static long count(FrappeClient site, String doctype, Filter filter) {
        return site.count(doctype, List.of(filter)).await().atMost(CALL);
    }

    private static void insert(FrappeClient site, String doctype, ObjectNode document) {
        site.insert(doctype, document).await().atMost(CALL);
    }

    private static void require(boolean condition, String otherwise) {
        if (!condition) {
            throw new AssertionError(otherwise);
        }
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
