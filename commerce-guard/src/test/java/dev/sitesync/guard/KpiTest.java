package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.sitesync.guard.site.ShopSite;

/**
 * The KPIs of seed §20: metrics per site under the names the alerts use, and a day's snapshot kept and served, with
 * stock turnover from the site's stock ledger where the guard may read it.
 */
@QuarkusTest
class KpiTest extends GuardApiTest {

    private static final String ITEM = "KPI-TURNING";

    @BeforeAll
    static void stockMovesToday() {
        ShopSite site = site();
        site.insert("Item", site.object().put("item_code", ITEM).put("item_group", "Products").put("stock_uom", "Nos")
                .put("is_stock_item", 1));
        site.insert("Bin", site.object().put("item_code", ITEM).put("warehouse", ShopSite.STORES).put("actual_qty", 50)
                .put("stock_value", 1000).put("valuation_rate", 20));
        String today = OrderJson.today().toString();
        site.insert("Stock Ledger Entry", ledger(today, 5, 100));
        site.insert("Stock Ledger Entry", ledger(today, -10, -200));
    }

    @Test
    void theMetricsTheAlertsUseExistByTheirNames() {
        String held = create(order().with("transaction_date", OrderJson.today().minusDays(2).toString()))
                .statusCode(201).extract().path("salesOrder.name");
        String passed = create(order()).statusCode(201).extract().path("salesOrder.name");
        callback(paymentFor(passed, new BigDecimal("236.00"))).statusCode(200).body("outcome", equalTo("POSTED"));
        callback(paymentFor(held, new BigDecimal("236.00"))).statusCode(200).body("outcome", equalTo("HELD"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> metrics().contains("sitesync_guard_review_queue_depth{site=\"shop\"}"));
        String metrics = metrics();

        assertThat(metrics).contains("sitesync_guard_decisions_total{", "site=\"shop\"", "verdict=\"PASS\"",
                "sitesync_guard_orders_created_total{site=\"shop\"}", "sitesync_guard_order_value_count{",
                "sitesync_guard_order_value_sum{", "sitesync_guard_payments_total{", "outcome=\"posted\"",
                "outcome=\"held\"", "sitesync_guard_review_queue_oldest_seconds{site=\"shop\"}",
                "sitesync_guard_findings_total{");
    }

    @Test
    void aDaysKpisAreComputedKeptAndServed() {
        create(order()).statusCode(201);
        create(order().onlyItem(ShopSite.NEW_ITEM, 1, 100)).statusCode(422);
        String today = OrderJson.today().toString();

        JsonPath computed = as("admin", "sync-admin").queryParam("from", today).queryParam("to", today).when()
                .post("/api/v1/kpis/shop").then().statusCode(200).extract().jsonPath();

        assertThat(computed.getLong("figures.ordersChecked")).isGreaterThanOrEqualTo(2);
        assertThat(computed.getLong("figures.verdicts.BLOCK")).isPositive();
        assertThat(computed.getDouble("figures.blockRate")).isPositive();
        assertThat(computed.getLong("figures.ordersCreated")).isPositive();
        assertThat(computed.getList("figures.orderValue.currency", String.class)).contains(ShopSite.CURRENCY);
        assertThat(computed.getString("figures.stockTurnover.status")).isEqualTo("ok");
        assertThat(computed.getDouble("figures.stockTurnover.costOfGoodsSold")).isEqualTo(200.0);
        assertThat(computed.getDouble("figures.stockTurnover.turnover")).isEqualTo(0.1905);
        as("auditor-1", "auditor").queryParam("from", today).queryParam("to", today).when().get("/api/v1/kpis/shop")
                .then().statusCode(200).body("to", hasItem(today))
                .body("find { it.to == '" + today + "' }.figures.ordersChecked", greaterThanOrEqualTo(2));
    }

    @Test
    void aStockLedgerTheGuardMayNotReadLeavesTurnoverSkipped() {
        String day = OrderJson.today().minusDays(1).toString();
        site().guardRoles(List.of("Sales User"));
        try {
            as("admin", "sync-admin").queryParam("from", day).queryParam("to", day).when().post("/api/v1/kpis/shop")
                    .then().statusCode(200).body("figures.stockTurnover.status", equalTo("skipped"));
        } finally {
            site().guardRoles(ShopSite.GUARD_ROLES);
        }
    }

    @Test
    void aPeriodNeedsItsDates() {
        as("admin", "sync-admin").queryParam("from", "last week").when().get("/api/v1/kpis/shop").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("from"));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static ObjectNode ledger(String date, double qty, double value) {
        return site().object().put("item_code", ITEM).put("warehouse", ShopSite.STORES).put("posting_date", date)
                .put("voucher_type", "Sales Invoice").put("actual_qty", qty).put("stock_value_difference", value)
                .put("is_cancelled", 0);
    }
}
