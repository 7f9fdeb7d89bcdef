package dev.sitesync.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.guard.site.ShopSite;

/** A candidate rule set replayed over the shop's orders, next to the active one. */
@QuarkusTest
class BacktestTest extends GuardApiTest {

    private static String thirtyPercentOff;
    private static String tenPercentOff;
    private static String fiftyPercentOff;

    @BeforeAll
    static void placePastOrders() {
        thirtyPercentOff = placed(70);
        tenPercentOff = placed(90);
        fiftyPercentOff = placed(50);
    }

    @Test
    void aStricterDiscountThresholdChangesTheOrdersBetweenTheThresholds() {
        JsonPath report = backtest("strict").statusCode(200).extract().jsonPath();

        assertThat(report.getString("version")).isEqualTo("strict");
        assertThat(report.getInt("ordersReplayed")).isGreaterThanOrEqualTo(3);
        assertThat(report.getList("differences.salesOrder", String.class)).contains(thirtyPercentOff)
                .doesNotContain(tenPercentOff, fiftyPercentOff);
        Map<String, Object> difference = report.getMap("differences.find { it.salesOrder == '%s' }"
                .formatted(thirtyPercentOff));
        assertThat(difference).containsEntry("active", "PASS").containsEntry("candidate", "REVIEW")
                .containsEntry("rulesOnlyInCandidate", List.of("discount-above-threshold"));
        assertThat(report.getList("skippedRules", String.class)).contains("stock-short", "submit-without-payment");
        int replayed = report.getInt("ordersReplayed");
        assertThat(report.getInt("candidateVerdicts.PASS") + report.getInt("candidateVerdicts.REVIEW")
                + report.getInt("candidateVerdicts.BLOCK")).isEqualTo(replayed);
    }

    @Test
    void theActiveRuleSetBacktestedAgainstItselfChangesNothing() {
        String active = as("sre-1", "sre").when().get("/api/v1/rulesets").then().extract().path("[0].version");

        backtest(active).statusCode(200).body("changed", equalTo(0)).body("activeVersion", equalTo(active));
    }

    @Test
    void anUnknownRuleSetIsNotFound() {
        backtest("no-such-version").statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void aWindowEndingBeforeItStartsIsNamed() {
        as("admin", "sync-admin").body(Map.of("site", "shop", "from", "2026-02-01", "to", "2026-01-01")).when()
                .post("/api/v1/rulesets/strict/backtest").then().statusCode(400)
                .body("violations.field", hasItem("to"));
    }

    private static ValidatableResponse backtest(String version) {
        String today = OrderJson.today().toString();
        return as("admin", "sync-admin").body(Map.of("site", "shop", "from", today, "to", today)).when()
                .post("/api/v1/rulesets/" + version + "/backtest").then();
    }

    /** An order placed on the site directly, one mug at a discount off its price list rate of 100. */
    private static String placed(double rate) {
        ObjectNode order = site().object().put("customer", ShopSite.CUSTOMER).put("company", ShopSite.COMPANY)
                .put("transaction_date", OrderJson.today().toString())
                .put("delivery_date", OrderJson.today().plusDays(3).toString());
        order.putArray("items").addObject().put("item_code", ShopSite.MUG).put("qty", 1).put("rate", rate)
                .put("price_list_rate", 100).put("warehouse", ShopSite.STORES);
        order.putArray("taxes").addObject().put("charge_type", "On Net Total").put("account_head", "VAT - _TC")
                .put("description", "VAT").put("rate", 18);
        return site().insert("Sales Order", order).path("name").asText();
    }
}
