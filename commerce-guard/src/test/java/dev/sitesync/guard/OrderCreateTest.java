package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.site.ShopSite;

/** Creating orders: PASS as a draft awaiting payment, REVIEW as a draft with a hold note, BLOCK refused. */
@QuarkusTest
class OrderCreateTest extends GuardApiTest {

    @Test
    void aPassingOrderIsCreatedOnTheSiteAsADraftAwaitingPayment() {
        String poNo = unique("po");
        String name = create(order().with("po_no", poNo)).statusCode(201)
                .body("verdict", equalTo("PASS"))
                .body("salesOrder.docstatus", equalTo(0))
                .body("salesOrder.heldForReview", equalTo(false))
                .extract().path("salesOrder.name");

        ObjectNode onSite = site().get("Sales Order", name);
        assertThat(onSite.path("po_no").asText()).isEqualTo(poNo);
        assertThat(onSite.path("owner").asText()).isEqualTo(ShopSite.GUARD_USER);
        assertThat(onSite.path("grand_total").asDouble()).isEqualTo(236.0);
        assertThat(onSite.has("sitesync_hold_note")).isFalse();
    }

    @Test
    void anOrderNeedingReviewIsCreatedAsADraftWithAHoldNote() {
        var response = create(order().with("transaction_date", OrderJson.today().minusDays(2).toString()))
                .statusCode(201)
                .body("verdict", equalTo("REVIEW"))
                .body("salesOrder.heldForReview", equalTo(true))
                .extract();

        ObjectNode onSite = site().get("Sales Order", response.path("salesOrder.name"));
        assertThat(onSite.path("docstatus").asInt()).isZero();
        assertThat(onSite.path("sitesync_hold_note").asText()).contains((String) response.path("decisionId"))
                .contains("backdated");
    }

    @Test
    void aBlockedOrderIsRefusedWithItsFindingsAndNothingReachesTheSite() {
        String poNo = unique("po-blocked");
        create(order().with("po_no", poNo).onlyItem(ShopSite.LAMP, 50, 400)).statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "order-blocked"))
                .body("detail", containsString("stock-short"))
                .body("decisionId", notNullValue())
                .body("findings.rule", hasItem("stock-short"))
                .body("requestId", notNullValue());

        List<ObjectNode> created = site().admin().list(ListQuery.of("Sales Order").where(Filter.eq("po_no", poNo)))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(created).isEmpty();
    }

    @Test
    void theDecisionRecordsTheSalesOrderItLedTo() {
        var response = create(order()).statusCode(201).extract();

        as("auditor-1", "auditor").when().get("/api/v1/order-decisions/" + response.path("decisionId")).then()
                .statusCode(200)
                .body("salesOrder", equalTo(response.path("salesOrder.name")))
                .body("submitted", equalTo(false));
    }

    @Test
    void anOrderTheSiteRefusesIsAProblemInTheSitesWords() {
        create(order().with("customer", "Nobody Known")).statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unprocessable"))
                .body("detail", containsString("Nobody Known"));
    }

    @Test
    void aCheckAloneCreatesNothing() {
        String poNo = unique("po-check");
        check(order().with("po_no", poNo)).statusCode(200).body("verdict", equalTo("PASS"));

        assertThat(site().admin().list(ListQuery.of("Sales Order").where(Filter.eq("po_no", poNo)))
                .await().atMost(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aRetryUnderTheSameIdempotencyKeyAnswersTheFirstOrderAndCreatesNoOther() {
        String key = unique("key");
        OrderJson order = order().with("po_no", unique("po-retried"));
        var first = create(order, key).statusCode(201).extract();

        create(order, key).statusCode(201)
                .body("decisionId", equalTo(first.path("decisionId")))
                .body("salesOrder.name", equalTo(first.path("salesOrder.name")));

        assertThat(ordersWithPoNo(order)).hasSize(1);
    }

    @Test
    void anotherOrderUnderAKeyAlreadyUsedIsRefused() {
        String key = unique("key");
        create(order().with("po_no", unique("po-first")), key).statusCode(201);

        create(order().with("po_no", unique("po-second")), key).statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "idempotency-key-reused"));
    }

    @Test
    void concurrentRequestsUnderOneKeyCreateOneOrder() throws Exception {
        String key = unique("key");
        OrderJson order = order().with("po_no", unique("po-concurrent"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<ExtractableResponse<Response>>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> create(order, key).extract());
        }
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        for (Future<ExtractableResponse<Response>> answer : pool.invokeAll(requests)) {
            answers.add(answer.get());
        }
        pool.shutdown();

        assertThat(ordersWithPoNo(order)).hasSize(1);
        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201);
        assertThat(answers).extracting(a -> (String) a.path("salesOrder.name")).containsOnly(
                ordersWithPoNo(order).get(0).path("name").asText());
    }

    @Test
    void aMalformedIdempotencyKeyIsNamed() {
        create(order(), "x".repeat(300)).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("Idempotency-Key"));
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        as("sre-1", "sre").when().get("/api/v1/order-decisions/0190f3d2-0000-7000-8000-000000000000").then()
                .statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"))
                .body("violations", nullValue());
    }

    private static List<ObjectNode> ordersWithPoNo(OrderJson order) {
        return site().list("Sales Order", Filter.eq("po_no", order.field("po_no")));
    }
}
