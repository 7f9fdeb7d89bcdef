package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static dev.sitesync.guard.OrderJson.today;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.guard.site.ShopSite;

/**
 * Every rule through the API, against the shop on frappe-sim: its Bins (stock and valuation rates) and the guard's
 * settings for it (the caller's companies, the territory's warehouses, the allow-list).
 */
@QuarkusTest
class OrderCheckTest extends GuardApiTest {

    @Test
    void aCleanOrderPassesAndItsDecisionIsStored() {
        String decisionId = check(order()).statusCode(200)
                .body("verdict", equalTo("PASS"))
                .body("findings", empty())
                .body("rulesetVersion", notNullValue())
                .extract().path("decisionId");

        as("sre-1", "sre").when().get("/api/v1/order-decisions/" + decisionId).then().statusCode(200)
                .body("verdict", equalTo("PASS")).body("site", equalTo(ShopSite.CODE))
                .body("caller", equalTo(STOREFRONT)).body("orderHash", notNullValue());
    }

    @Test
    void moreThanTheProjectedStockIsBlocked() {
        String decisionId = verdict(order().onlyItem(ShopSite.LAMP, 5, 400), "BLOCK", "stock-short")
                .extract().path("decisionId");

        as("sre-1", "sre").when().get("/api/v1/order-decisions/" + decisionId).then()
                .body("findings.find { it.rule == 'stock-short' }.evidence.projected_qty", equalTo(3.0f))
                .body("findings.find { it.rule == 'stock-short' }.evidence.needed_qty", equalTo(5.0f));
    }

    @Test
    void anItemWithoutABinIsBlocked() {
        verdict(order().onlyItem(ShopSite.NEW_ITEM, 1, 100), "BLOCK", "stock-short");
    }

    @Test
    void sellingBelowTheBinsValuationRateIsReviewed() {
        verdict(order().onlyItem(ShopSite.LAMP, 1, 250), "REVIEW", "negative-margin");
    }

    @Test
    void anOrderWorthHalfAMillionIsReviewed() {
        verdict(order().onlyItem(ShopSite.MUG, 5000, 100), "REVIEW", "high-value");
    }

    @Test
    void aDiscountAboveFortyPercentIsReviewed() {
        verdict(order().onlyItem(ShopSite.MUG, 1, 55).line("price_list_rate", 100), "REVIEW",
                "discount-above-threshold");
        verdict(order().with("additional_discount_percentage", 45), "REVIEW", "discount-above-threshold");
    }

    @Test
    void anOrderWithoutTaxesIsReviewed() {
        verdict(order().with("taxes", List.of()), "REVIEW", "taxes-missing");
    }

    @Test
    void aBackdatedTransactionDateIsReviewed() {
        verdict(order().with("transaction_date", today().minusDays(3).toString()), "REVIEW", "backdated");
    }

    @Test
    void aWarehouseOutsideTheCustomersTerritoryIsReviewed() {
        verdict(order().onlyItem(ShopSite.MUG, 1, 100, ShopSite.ANNEX), "REVIEW", "warehouse-territory-mismatch");
    }

    @Test
    void aCompanyTheCallerMayNotOrderForIsBlocked() {
        verdict(order().with("company", "_Test Company 1"), "BLOCK", "company-not-allowed");
        verdict(order().context("company", "_Test Company 1"), "BLOCK", "company-not-allowed");
    }

    @Test
    void aCallerWithoutConfiguredCompaniesMayOrderForNone() {
        as("unknown-shop", "storefront").body(order().request()).when().post("/api/v1/orders/check").then()
                .statusCode(200).body("verdict", equalTo("BLOCK")).body("findings.rule", hasItem("company-not-allowed"));
    }

    @Test
    void totalsTheLinesDoNotAddUpToAreBlocked() {
        verdict(order().with("grand_total", 100), "BLOCK", "totals-inconsistent")
                .body("findings.find { it.rule == 'totals-inconsistent' }.message", containsString("236"));
        check(order().with("total", 200).with("grand_total", 236).with("rounded_total", 236)).statusCode(200)
                .body("verdict", equalTo("PASS"));
    }

    @Test
    void askingToSubmitWithoutAConfirmedPaymentIsBlocked() {
        verdict(order().with("docstatus", 1), "BLOCK", "submit-without-payment");
        verdict(order().with("docstatus", 1).context("payment", Map.of("provider", PROVIDER, "transactionId",
                unique("txn-never-paid"))), "BLOCK", "submit-without-payment");
    }

    @Test
    void anAllowListedCustomerHasReviewsWaived() {
        String decisionId = check(order().with("customer", ShopSite.TRUSTED_CUSTOMER).onlyItem(ShopSite.MUG, 5000, 100))
                .statusCode(200).body("verdict", equalTo("PASS")).body("findings", empty())
                .extract().path("decisionId");

        as("sre-1", "sre").when().get("/api/v1/order-decisions/" + decisionId).then()
                .body("findings.rule", hasItems("allow-listed-customer", "high-value"))
                .body("findings.find { it.rule == 'allow-listed-customer' }.sentiment", equalTo("LOWERS_RISK"))
                .body("findings.find { it.rule == 'high-value' }.waived", equalTo(true));
    }

    @Test
    void blocksOutweighReviewsAndTheAllowList() {
        String decisionId = check(order().with("customer", ShopSite.TRUSTED_CUSTOMER).with("taxes", List.of())
                .onlyItem(ShopSite.LAMP, 50, 100)).statusCode(200)
                .body("verdict", equalTo("BLOCK"))
                .body("findings.rule", contains("stock-short"))
                .extract().path("decisionId");

        as("sre-1", "sre").when().get("/api/v1/order-decisions/" + decisionId).then()
                .body("findings.rule", hasItems("stock-short", "taxes-missing", "negative-margin"));
    }

    @Test
    void everyFindingCarriesRuleSentimentSeverityMessageAndEvidence() {
        String decisionId = check(order().with("taxes", List.of()).onlyItem(ShopSite.LAMP, 5, 100)).statusCode(200)
                .body("findings.severity", everyItem(notNullValue()))
                .body("findings.message", everyItem(notNullValue()))
                .extract().path("decisionId");

        as("sre-1", "sre").when().get("/api/v1/order-decisions/" + decisionId).then()
                .body("findings.sentiment", everyItem(equalTo("RAISES_RISK")))
                .body("findings.evidence", everyItem(notNullValue()))
                .body("findings.mode", everyItem(equalTo("ENFORCE")));
    }

    @Test
    void aSalesOrderIsNeverAReturnSoItCannotSkipTheStockCheck() {
        check(order().with("is_return", 1).with("return_against", "SAL-ORD-2026-00001")
                .onlyItem(ShopSite.NEW_ITEM, 1000, 100)).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("order.is_return"));
    }

    @Test
    void aDiscountIsMeasuredAgainstTheSitesPriceNotTheOneTheStorefrontSends() {
        verdict(order().onlyItem(ShopSite.MUG, 1, 55).line("price_list_rate", 55), "REVIEW",
                "discount-above-threshold");
    }

    @Test
    void anAllowListWaivesReviewsOnlyForTheCallerItWasGrantedTo() {
        as("other-shop", "storefront").body(order().with("customer", ShopSite.TRUSTED_CUSTOMER)
                .onlyItem(ShopSite.MUG, 5000, 100).request()).when().post("/api/v1/orders/check").then()
                .statusCode(200).body("verdict", equalTo("REVIEW")).body("findings.rule", hasItem("high-value"));
    }

    @Test
    void aStorefrontLearnsWhatToFixButNeitherCostNorStock() {
        String decisionId = check(order().onlyItem(ShopSite.LAMP, 5, 250)).statusCode(200)
                .body("verdict", equalTo("BLOCK"))
                .body("findings.rule", hasItems("stock-short", "negative-margin"))
                .body("findings.evidence", everyItem(nullValue()))
                .body("findings.message", everyItem(not(containsString("300"))))
                .body("findings.message", everyItem(not(containsString("projected"))))
                .extract().path("decisionId");

        as("auditor-1", "auditor").when().get("/api/v1/order-decisions/" + decisionId).then().statusCode(200)
                .body("findings.find { it.rule == 'negative-margin' }.evidence.valuation_rate", equalTo(300.0f))
                .body("findings.find { it.rule == 'stock-short' }.evidence.projected_qty", equalTo(3.0f));
    }

    @Test
    void aCompanyTheCallerMayNotOrderForIsTheOnlyThingItLearns() {
        check(order().with("company", "_Test Company 1").onlyItem(ShopSite.LAMP, 50, 100)).statusCode(200)
                .body("verdict", equalTo("BLOCK")).body("findings.rule", contains("company-not-allowed"));
    }

    private static ValidatableResponse verdict(OrderJson order, String verdict, String rule) {
        return check(order).statusCode(200).body("verdict", equalTo(verdict)).body("findings.rule", hasItem(rule));
    }
}
