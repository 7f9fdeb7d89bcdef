package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.guard.site.ShopSite;

/** Signed payment callbacks: posted once whatever the duplicates, submitted only when the guard passed the order. */
@QuarkusTest
class PaymentCallbackTest extends GuardApiTest {

    private static final BigDecimal ORDER_TOTAL = new BigDecimal("236.00");
    /** Three in stores, for the test that sells them twice. */
    private static final String VASE = "GUARD-VASE";

    @BeforeAll
    static void stockTheVases() {
        site().stockItem(VASE, 3, 50);
        site().price(VASE, 400);
    }

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
        site().failNext("Payment Entry", "POST", 1);

        callback(event).statusCode(503).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unavailable"));
        callback(event).statusCode(200).body("outcome", equalTo("POSTED")).body("duplicate", equalTo(false));

        assertThat(entriesFor(order)).hasSize(1);
    }

    @Test
    void anEntryLeftADraftByAnInterruptedPostingIsSubmittedNotPostedAgain() {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, ORDER_TOTAL);
        site().failNext("Payment Entry", "PUT", 1);

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
    void anOrderHeldForReviewKeepsItsPaymentUnpostedAndStaysADraft() {
        String held = create(order().with("taxes", List.of())).statusCode(201)
                .body("verdict", equalTo("REVIEW")).extract().path("salesOrder.name");

        callback(paymentFor(held, new BigDecimal("200.00"))).statusCode(200)
                .body("outcome", equalTo("HELD"))
                .body("salesOrderSubmitted", equalTo(false));

        assertThat(entriesFor(held)).as("ERPNext posts payments against submitted orders only").isEmpty();
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
        String transaction = prepaid(ORDER_TOTAL, ShopSite.CUSTOMER);
        OrderJson paidOrder = paidOrder(transaction);

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

    @Test
    void anAmountBeyondWhatTheSiteCanStoreIsNamed() {
        callback(Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", unique("txn"),
                "amount", new BigDecimal("1e13"), "currency", "INR")).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("amount"));
    }

    @Test
    void aPrepaidOrderThatCannotBeCompletedGivesItsPaymentBack() {
        String transaction = prepaid(ORDER_TOTAL, ShopSite.CUSTOMER);
        OrderJson paidOrder = paidOrder(transaction).with("po_no", unique("po-prepaid-retry"));
        site().failNext("Payment Entry", "POST", 1);

        create(paidOrder).statusCode(503).contentType(PROBLEM_JSON);
        String name = create(paidOrder).statusCode(201)
                .body("salesOrder.docstatus", equalTo(1))
                .body("salesOrder.paymentEntry", notNullValue())
                .extract().path("salesOrder.name");

        assertThat(entriesFor(name)).hasSize(1);
        assertThat(site().list("Sales Order", Filter.eq("po_no", paidOrder.field("po_no")), Filter.eq("docstatus", 0)))
                .as("the draft of the failed attempt is not left behind").isEmpty();
    }

    @Test
    void aPrepaidOrderWhosePaymentDoesNotMatchIsHeldAndTheFindingIsKept() {
        String transaction = prepaid(new BigDecimal("300.00"), ShopSite.CUSTOMER);

        create(paidOrder(transaction)).statusCode(201)
                .body("salesOrder.heldForReview", equalTo(true))
                .body("salesOrder.docstatus", equalTo(0));

        as("sre-1", "sre").queryParam("source", "payment").queryParam("rule", "payment-amount-mismatch")
                .when().get("/api/v1/findings").then().statusCode(200)
                .body("items.subject", hasItem("Payment " + PROVIDER + " " + transaction));
    }

    @Test
    void aPaymentForOneCustomerCannotPayAnotherCustomersOrder() {
        String transaction = prepaid(ORDER_TOTAL, ShopSite.CUSTOMER);

        create(paidOrder(transaction).with("customer", ShopSite.TRUSTED_CUSTOMER)).statusCode(422)
                .body("findings.rule", hasItem("submit-without-payment"));
    }

    @Test
    void aTransactionTakenOverUnderAnotherEventCompletesTheEventItTookOver() {
        String order = passedDraft();
        Map<String, Object> first = paymentFor(order, ORDER_TOTAL);
        site().failNext("Payment Entry", "POST", 1);
        callback(first).statusCode(503);
        Map<String, Object> resent = new HashMap<>(first);
        resent.put("eventId", unique("evt-resent"));

        callback(resent).statusCode(200).body("outcome", equalTo("POSTED"));

        callback(first).statusCode(200).body("duplicate", equalTo(true)).body("outcome", equalTo("POSTED"));
        assertThat(entriesFor(order)).hasSize(1);
    }

    @Test
    void aPostingTheSiteCommitsAfterTheGuardGaveUpIsNotPostedAgainByAQuickRetry() {
        String order = passedDraft();
        Map<String, Object> event = paymentFor(order, ORDER_TOTAL);
        site().delayNext("Payment Entry", "POST", Duration.ofSeconds(13));

        callback(event).statusCode(503);
        int retried = callback(event).extract().statusCode();

        assertThat(retried).as("a retry while the first posting may still commit posts nothing").isIn(409, 503);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> callback(event).extract().statusCode() == 200);
        assertThat(entriesFor(order)).hasSize(1);
        assertThat(site().get("Sales Order", order).path("docstatus").asInt()).isEqualTo(1);
    }

    @Test
    void aPaidOrderWhoseStockWasPromisedMeanwhileIsHeldNotSubmitted() {
        String first = create(order().onlyItem(VASE, 3, 400)).statusCode(201).body("verdict", equalTo("PASS"))
                .extract().path("salesOrder.name");
        String second = create(order().onlyItem(VASE, 3, 400)).statusCode(201).body("verdict", equalTo("PASS"))
                .extract().path("salesOrder.name");
        BigDecimal total = new BigDecimal("1416.00");
        callback(paymentFor(first, total)).statusCode(200).body("salesOrderSubmitted", equalTo(true));

        callback(paymentFor(second, total)).statusCode(200)
                .body("salesOrderSubmitted", equalTo(false))
                .body("findings.rule", hasItem("stock-short"));

        assertThat(site().get("Sales Order", second).path("docstatus").asInt()).isZero();
        assertThat(entriesFor(second)).isEmpty();
    }

    private static String passedDraft() {
        return create(order()).statusCode(201).body("verdict", equalTo("PASS")).extract().path("salesOrder.name");
    }

    /** A payment the customer made before placing the order, on this site; answers its transaction ID. */
    private static String prepaid(BigDecimal amount, String customer) {
        String transaction = unique("txn-prepaid");
        callback(Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", transaction,
                "amount", amount, "currency", ShopSite.CURRENCY, "site", ShopSite.CODE, "customer", customer))
                .statusCode(200).body("outcome", equalTo("CONFIRMED"));
        return transaction;
    }

    private static OrderJson paidOrder(String transaction) {
        return order().with("docstatus", 1).context("payment", Map.of("provider", PROVIDER, "transactionId",
                transaction));
    }

    private static List<ObjectNode> entriesFor(String salesOrder) {
        return site().paymentEntriesFor(salesOrder);
    }
}
