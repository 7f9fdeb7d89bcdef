package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.guard.site.ShopSite;

/** Signed payment callbacks: posted once whatever the duplicates, submitted only when the guard passed the order. */
@QuarkusTest
class PaymentCallbackTest extends GuardApiTest {

    private static final BigDecimal ORDER_TOTAL = new BigDecimal("236.00");

    @Test
    void aConfirmedPaymentPostsAPaymentEntryAndSubmitsThePassedOrder() {
        String order = passedDraft();

        callback(paymentFor(order, ORDER_TOTAL)).statusCode(200)
                .body("outcome", equalTo("POSTED"))
                .body("salesOrderSubmitted", equalTo(true))
                .body("paymentEntry", notNullValue())
                .body("duplicate", equalTo(false));

        assertThat(site().get("Sales Order", order).path("docstatus").asInt()).isEqualTo(1);
        assertThat(entriesFor(order)).singleElement().satisfies(entry -> {
            assertThat(entry.path("party").asText()).isEqualTo(ShopSite.CUSTOMER);
            assertThat(entry.path("paid_amount").decimalValue()).isEqualByComparingTo(ORDER_TOTAL);
            assertThat(entry.path("docstatus").asInt()).isEqualTo(1);
        });
    }

    @Test
    void tenConcurrentDeliveriesOfOneEventPostOnePaymentEntry() throws Exception {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, ORDER_TOTAL);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<ExtractableResponse<Response>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.add(() -> callback(event).statusCode(200).extract());
        }
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        for (Future<ExtractableResponse<Response>> answer : pool.invokeAll(deliveries)) {
            answers.add(answer.get());
        }
        pool.shutdown();

        assertThat(entriesFor(order)).hasSize(1);
        assertThat(answers).extracting(a -> (String) a.path("paymentEntry")).containsOnly(
                entriesFor(order).get(0).path("name").asText());
        assertThat(answers).extracting(a -> (String) a.path("outcome")).containsOnly("POSTED");
        assertThat(answers).filteredOn(a -> !(Boolean) a.path("duplicate")).hasSize(1);
    }

    @Test
    void aLaterDeliveryOfTheSameTransactionUnderAnotherEventIdIsADuplicate() {
        String order = passedDraft();
        Map<String, Object> first = paymentFor(order, ORDER_TOTAL);
        callback(first).statusCode(200).body("outcome", equalTo("POSTED"));

        Map<String, Object> again = new HashMap<>(first);
        again.put("eventId", unique("evt-resent"));
        callback(again).statusCode(200).body("duplicate", equalTo(true))
                .body("eventId", equalTo(first.get("eventId")));

        assertThat(entriesFor(order)).hasSize(1);
    }

    @Test
    void aDeliveryTheSiteFailsIsTakenUpByTheNextDeliveryAndPostsOnce() {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, ORDER_TOTAL);
        site().front().failNext("Payment Entry", HttpMethod.POST);

        callback(event).statusCode(503).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unavailable"));
        callback(event).statusCode(200).body("outcome", equalTo("POSTED")).body("duplicate", equalTo(false));

        assertThat(entriesFor(order)).hasSize(1);
    }

    @Test
    void anEntryLeftADraftByAnInterruptedPostingIsSubmittedNotPostedAgain() {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, ORDER_TOTAL);
        site().front().failNext("Payment Entry", HttpMethod.PUT);

        callback(event).statusCode(503);
        callback(event).statusCode(200).body("outcome", equalTo("POSTED"));

        assertThat(entriesFor(order)).singleElement()
                .satisfies(entry -> assertThat(entry.path("docstatus").asInt()).isEqualTo(1));
    }

    @Test
    void aStaleSignatureTimestampIsUnauthenticated() {
        long sixMinutesAgo = Instant.now().getEpochSecond() - 360;

        callback(paymentFor(passedDraft(), ORDER_TOTAL), sixMinutesAgo, PROVIDER_SECRET).statusCode(401)
                .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-signature"))
                .body("detail", containsString("window"));
    }

    @Test
    void aSignatureUnderAnotherSecretIsUnauthenticatedAndPostsNothing() {
        String order = passedDraft();

        callback(paymentFor(order, ORDER_TOTAL), Instant.now().getEpochSecond(), "guessed").statusCode(401)
                .contentType(PROBLEM_JSON);

        assertThat(entriesFor(order)).isEmpty();
    }

    @Test
    void aCallbackWithoutASignatureIsUnauthenticated() {
        as("gateway", "gateway").body(paymentFor("SAL-ORD-X", ORDER_TOTAL)).when()
                .post("/api/v1/payments/" + PROVIDER + "/callbacks").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void anUnknownProviderIsNotFound() {
        as("gateway", "gateway").header("X-Payment-Signature", "t=1,v1=00").body("{}").when()
                .post("/api/v1/payments/nobody-pay/callbacks").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void anAmountThatDoesNotMatchTheOrderIsAReviewFindingAndPostsNothing() {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, new BigDecimal("200.00"));

        callback(event).statusCode(200)
                .body("outcome", equalTo("REVIEW"))
                .body("findings.rule", hasItem("payment-amount-mismatch"))
                .body("paymentEntry", equalTo(null));

        assertThat(entriesFor(order)).isEmpty();
        assertThat(site().get("Sales Order", order).path("docstatus").asInt()).isZero();
        as("sre-1", "sre").queryParam("source", "payment").queryParam("rule", "payment-amount-mismatch")
                .when().get("/api/v1/findings").then().statusCode(200)
                .body("items.subject", hasItem("Payment " + PROVIDER + " " + event.get("transactionId")));
    }

    @Test
    void anOrderHeldForReviewGetsItsPaymentButStaysADraft() {
        String held = create(order().with("taxes", List.of())).statusCode(201)
                .body("verdict", equalTo("REVIEW")).extract().path("salesOrder.name");

        callback(paymentFor(held, new BigDecimal("200.00"))).statusCode(200)
                .body("outcome", equalTo("POSTED_ORDER_HELD"))
                .body("salesOrderSubmitted", equalTo(false));

        assertThat(entriesFor(held)).hasSize(1);
        assertThat(site().get("Sales Order", held).path("docstatus").asInt()).isZero();
    }

    @Test
    void aPaymentForAnOrderTheSiteDoesNotHaveIsReviewed() {
        callback(paymentFor("SAL-ORD-1999-99999", ORDER_TOTAL)).statusCode(200)
                .body("outcome", equalTo("REVIEW"))
                .body("findings.rule", hasItem("payment-order-not-payable"));
    }

    @Test
    void aPaymentMadeBeforeItsOrderLetsTheOrderBeSubmittedOnceAndOnlyOnce() {
        String transaction = unique("txn-prepaid");
        callback(Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", transaction,
                "amount", ORDER_TOTAL, "currency", ShopSite.CURRENCY)).statusCode(200)
                .body("outcome", equalTo("CONFIRMED"));
        OrderJson paidOrder = order().with("docstatus", 1).context("payment",
                Map.of("provider", PROVIDER, "transactionId", transaction));

        String name = create(paidOrder).statusCode(201)
                .body("verdict", equalTo("PASS"))
                .body("salesOrder.docstatus", equalTo(1))
                .body("salesOrder.paymentEntry", notNullValue())
                .extract().path("salesOrder.name");

        assertThat(site().get("Sales Order", name).path("docstatus").asInt()).isEqualTo(1);
        assertThat(entriesFor(name)).hasSize(1);
        create(paidOrder).statusCode(422).body("findings.rule", hasItem("submit-without-payment"));
    }

    @Test
    void anEventThatConfirmsNoPaymentIsAcknowledgedAndIgnored() {
        callback(Map.of("eventId", unique("evt"), "type", "payment.created", "transactionId", unique("txn"),
                "amount", ORDER_TOTAL, "currency", ShopSite.CURRENCY)).statusCode(200)
                .body("outcome", equalTo("IGNORED"));
    }

    @Test
    void aMalformedCallbackIsABadRequestNamingTheField() {
        callback(Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", unique("txn"),
                "amount", -5, "currency", "rupees")).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("amount")).body("violations.field", hasItem("currency"));
        callback(Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", unique("txn"),
                "amount", 5, "currency", "INR", "salesOrder", "SAL-ORD-1")).statusCode(400)
                .body("violations.field", hasItem("site"));
    }

    private static String passedDraft() {
        return create(order()).statusCode(201).body("verdict", equalTo("PASS")).extract().path("salesOrder.name");
    }

    private static List<ObjectNode> entriesFor(String salesOrder) {
        return site().front().documents("Payment Entry").stream()
                .filter(entry -> entry.path("references").path(0).path("reference_name").asText().equals(salesOrder))
                .toList();
    }
}
