package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.guard.site.ShopSite;

/**
 * The review queue: held orders listed and opened with their facts, approved (submitted with their stock read again,
 * their payment posted) or rejected (left a draft with the reason, the payment to refund) once, by a reviewer, with a
 * reason; an order submitted on the site behind the guard's back is an audit finding.
 */
@QuarkusTest
class ReviewQueueTest extends GuardApiTest {

    private static final BigDecimal TOTAL = new BigDecimal("236.00");
    private static final String REVIEWER = "reviewer-1";

    @Test
    void aHeldOrderIsListedAndOpenedWithItsFacts() {
        Held held = heldOrder();

        reviewer().queryParam("site", ShopSite.CODE).queryParam("limit", 500).when().get("/api/v1/reviews").then()
                .statusCode(200).body("items.decisionId", hasItem(held.decisionId()))
                .body("items.find { it.decisionId == '" + held.decisionId() + "' }.rules", hasItem("backdated"))
                .body("items.find { it.decisionId == '" + held.decisionId() + "' }.salesOrder", equalTo(held.salesOrder()));
        reviewer().when().get("/api/v1/reviews/" + held.decisionId()).then().statusCode(200)
                .body("order.reason", equalTo("review"))
                .body("decision.findings.find { it.rule == 'backdated' }.evidence.field", equalTo("transaction_date"));
    }

    @Test
    void theQueueIsFilteredByRuleAndAge() {
        Held held = heldOrder();

        waiting(Map.of("rule", "backdated")).body("items.decisionId", hasItem(held.decisionId()));
        waiting(Map.of("rule", "high-value")).body("items.decisionId", not(hasItem(held.decisionId())));
        waiting(Map.of("olderThan", "PT1H")).body("items.decisionId", not(hasItem(held.decisionId())));
    }

    @Test
    void approvingAPaidHeldOrderSubmitsItAndPostsItsPayment() {
        Held held = heldOrder();
        callback(paymentFor(held.salesOrder(), TOTAL)).statusCode(200).body("outcome", equalTo("HELD"));

        decide(held, "approve", "Known customer, late entry of a phone order").statusCode(200)
                .body("review.outcome", equalTo("APPROVED")).body("review.reviewer", equalTo(REVIEWER))
                .body("review.submitted", equalTo(true)).body("review.paymentEntry", notNullValue());

        assertThat(site().get("Sales Order", held.salesOrder()).path("docstatus").asInt()).isEqualTo(1);
        assertThat(site().paymentEntriesFor(held.salesOrder())).hasSize(1);
    }

    @Test
    void approvingAnOrderNotPaidYetLetsItsPaymentSubmitIt() {
        Held held = heldOrder();

        decide(held, "approve", "Checked with the sales team").statusCode(200).body("review.submitted", equalTo(false));
        callback(paymentFor(held.salesOrder(), TOTAL)).statusCode(200).body("outcome", equalTo("POSTED"))
                .body("salesOrderSubmitted", equalTo(true));

        assertThat(site().get("Sales Order", held.salesOrder()).path("docstatus").asInt()).isEqualTo(1);
    }

    @Test
    void rejectingLeavesADraftWithTheReasonAndItsPaymentToRefund() {
        Held held = heldOrder();
        Map<String, Object> payment = paymentFor(held.salesOrder(), TOTAL);
        callback(payment).statusCode(200).body("outcome", equalTo("HELD"));

        decide(held, "reject", "Backdated into a closed period").statusCode(200)
                .body("review.outcome", equalTo("REJECTED"));

        assertThat(site().get("Sales Order", held.salesOrder()).path("docstatus").asInt()).isZero();
        assertThat(site().get("Sales Order", held.salesOrder()).path("sitesync_hold_note").asText())
                .contains("Rejected by " + REVIEWER).contains("Backdated into a closed period");
        assertThat(site().paymentEntriesFor(held.salesOrder())).isEmpty();
        as("sre-1", "sre").queryParam("rule", "payment-refund-needed").when().get("/api/v1/findings").then()
                .body("items.subject", hasItem("Payment " + PROVIDER + " " + payment.get("transactionId")));
    }

    @Test
    void anOrderIsDecidedOnceByAReviewerWhoSaysWhy() {
        Held held = heldOrder();

        decide(held, "approve", "").statusCode(400).body("violations.field", hasItem("comment"));
        as("sre-1", "sre").body(Map.of("comment", "looks fine")).when()
                .post("/api/v1/reviews/" + held.decisionId() + "/approve").then().statusCode(403);
        decide(held, "reject", "Not ours").statusCode(200);
        decide(held, "approve", "Changed my mind").statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("already rejected by " + REVIEWER));
    }

    @Test
    void aPaidOrderShortOfStockJoinsTheQueue() {
        String item = "REVIEW-LAST-ONE";
        site().stockItem(item, 1, 10);
        site().price(item, 50);
        String first = create(order().onlyItem(item, 1, 50)).statusCode(201).extract().path("salesOrder.name");
        var second = create(order().onlyItem(item, 1, 50)).statusCode(201).extract();
        BigDecimal total = new BigDecimal("59.00");
        callback(paymentFor(first, total)).statusCode(200).body("outcome", equalTo("POSTED"));

        callback(paymentFor(second.path("salesOrder.name"), total)).statusCode(200).body("outcome", equalTo("HELD"));

        reviewer().when().get("/api/v1/reviews/" + second.path("decisionId")).then().statusCode(200)
                .body("order.reason", equalTo("stock")).body("order.paymentHeld", equalTo(true));
        decide(new Held(second.path("decisionId"), second.path("salesOrder.name")), "approve", "Ship it anyway")
                .statusCode(409).body("detail", containsString("stays held"));
    }

    @Test
    void anOrderSubmittedOnTheSiteBehindTheGuardsBackIsAnAuditFinding() {
        Held held = heldOrder();
        site().submit("Sales Order", held.salesOrder());

        as("admin", "sync-admin").when().post("/api/v1/audits/" + ShopSite.CODE).then().statusCode(200);

        as("auditor-1", "auditor").queryParam("rule", "submitted-outside-guard").queryParam("limit", 500).when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("items.subject", hasItem("Sales Order " + held.salesOrder()));
    }

    private record Held(String decisionId, String salesOrder) {
    }

    /** An order held for review: dated two days back. */
    private static Held heldOrder() {
        var created = create(order().with("transaction_date", OrderJson.today().minusDays(2).toString())
                .with("po_no", unique("po-held"))).statusCode(201).body("verdict", equalTo("REVIEW")).extract();
        return new Held(created.path("decisionId"), created.path("salesOrder.name"));
    }

    private static RequestSpecification reviewer() {
        return as(REVIEWER, "order-reviewer");
    }

    private static ValidatableResponse waiting(Map<String, String> query) {
        return reviewer().queryParams(query).queryParam("limit", 500).when().get("/api/v1/reviews").then()
                .statusCode(200);
    }

    private static ValidatableResponse decide(Held held, String action, String comment) {
        return reviewer().body(Map.of("comment", comment)).when()
                .post("/api/v1/reviews/" + held.decisionId() + "/" + action).then();
    }
}
