package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Writes that commit and lose their answer, writes that commit late, and fault plans that end by themselves. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class WriteFaultTest extends SimTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterEach
    void clearNorthFaults() {
        clearFaults(NORTH);
    }

    @Test
    void aDroppedAnswerClosesTheConnectionAfterTheInsertCommitted() {
        injectFaults(NORTH, Map.of("writes", List.of(Map.of("doctype", "Item", "operation", "insert", "times", 1,
                "answer", "dropped"))));
        String code = unique("DROPPED");
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(20))) {
            FrappeException lost = catchThrowableOfType(FrappeException.class,
                    () -> client.insert("Item", itemDocument(code)).await().atMost(PATIENCE));
            String next = unique("ANSWERED");
            ObjectNode answered = client.insert("Item", itemDocument(next)).await().atMost(PATIENCE);

            assertThat(lost.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(lost.status()).isZero();
            assertThat(client.get("Item", code).await().atMost(PATIENCE).path("item_code").asText()).isEqualTo(code);
            assertThat(answered.path("name").asText()).isEqualTo(next);
        }
        given().get("/admin/faults/" + NORTH).then().statusCode(200).body("writes[0].left", equalTo(0));
    }

    @Test
    void aLateAnswerComesAfterTheClientGaveUpAndTheUpdateIsCommittedAllTheSame() {
        String code = unique("LATE");
        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(code)).post("/api/resource/Item").then()
                .statusCode(200);
        injectFaults(NORTH, Map.of("writes", List.of(Map.of("doctype", "Item", "operation", "update", "answer", "late",
                "answer_delay_ms", 3000))));
        try (FrappeClient hurried = administratorOf(NORTH, Duration.ofMillis(800))) {
            ObjectNode change = JsonNodeFactory.instance.objectNode().put("description", "changed late");

            FrappeException gaveUp = catchThrowableOfType(FrappeException.class,
                    () -> hurried.update("Item", code, change).await().atMost(PATIENCE));

            assertThat(gaveUp.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                    hurried.get("Item", code).await().atMost(PATIENCE).path("description").asText())
                    .isEqualTo("changed late"));
        }
    }

    @Test
    void aLateCommitShowsAModifiedOlderThanADocumentCommittedMeanwhile() {
        injectFaults(NORTH, Map.of("writes", List.of(Map.of("doctype", "Item", "operation", "insert", "times", 1,
                "hold_commit_ms", 10_000))));
        String late = unique("LATE-COMMIT");
        String meanwhile = unique("MEANWHILE");
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(20))) {
            CompletableFuture<ObjectNode> slow = client.insert("Item", itemDocument(late)).subscribeAsCompletionStage();
            // the fault was taken once the late write had its modified; its row is still invisible
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                    .get("/admin/faults/" + NORTH).then().body("writes[0].left", equalTo(0)));
            ObjectNode quick = client.insert("Item", itemDocument(meanwhile)).await().atMost(PATIENCE);
            int visibleWhileHeld = asAdministrator(NORTH).queryParam("filters", "[[\"name\",\"=\",\"" + late + "\"]]")
                    .get("/api/resource/Item").then().statusCode(200).extract().path("data.size()");

            ObjectNode committedLate = slow.join();

            assertThat(visibleWhileHeld).isZero();
            assertThat(committedLate.path("modified").asText()).isLessThan(quick.path("modified").asText());
            assertThat(client.get("Item", late).await().atMost(PATIENCE).path("modified").asText())
                    .isEqualTo(committedLate.path("modified").asText());
        }
    }

    @Test
    void aFailedWriteAnswersItsStatusAndWritesNothing() {
        injectFaults(NORTH, Map.of("writes", List.of(Map.of("doctype", "Item", "operation", "POST", "times", 1,
                "error_status", 503))));
        String failed = unique("FAILED");
        String next = unique("AFTER");

        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(failed)).post("/api/resource/Item").then()
                .statusCode(503).body("exc_type", equalTo("SessionStopped"));
        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(next)).post("/api/resource/Item").then()
                .statusCode(200);

        asAdministrator(NORTH).get("/api/resource/Item/" + failed).then().statusCode(404);
        asAdministrator(NORTH).get("/api/resource/Item/" + next).then().statusCode(200);
    }

    @Test
    void aRuleForAnotherDoctypeOrOperationLeavesTheWriteAlone() {
        injectFaults(NORTH, Map.of("writes", List.of(Map.of("doctype", "Customer", "answer", "dropped"),
                Map.of("doctype", "Item", "operation", "delete", "answer", "dropped"))));

        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(unique("UNTOUCHED")))
                .post("/api/resource/Item").then().statusCode(200);
    }

    @Test
    void a503OutageWithADurationEndsByItself() {
        // long enough for the first request to come in well before the end, even on a loaded machine
        injectFaults(NORTH, Map.of("error_rate", 1.0, "error_status", 503, "duration_seconds", 8));

        asAdministrator(NORTH).get("/api/method/frappe.auth.get_logged_user").then().statusCode(503)
                .body("exc_type", equalTo("SessionStopped"));
        given().get("/admin/faults/" + NORTH).then().statusCode(200)
                .body("ends_at", org.hamcrest.Matchers.notNullValue());

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> asAdministrator(NORTH)
                .get("/api/method/frappe.auth.get_logged_user").then().statusCode(200));
        given().get("/admin/faults/" + NORTH).then().statusCode(200).body("error_rate", equalTo(0.0f));
    }

    @Test
    void aRateLimitSaysWhenToComeBack() {
        injectFaults(NORTH, Map.of("error_rate", 1.0, "error_status", 429, "retry_after_seconds", 5));

        asAdministrator(NORTH).get("/api/resource/Item").then().statusCode(429).header("Retry-After", "5")
                .body("exc_type", equalTo("TooManyRequestsError"));
    }

    @Test
    void aWriteRuleThatDoesNothingIsRefusedAsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("writes", List.of(Map.of("doctype", "Item"))))
                .put("/admin/faults/" + NORTH).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sitesync.dev/problems/invalid-request"))
                .body("detail", org.hamcrest.Matchers.containsString("hold_commit_ms"));
    }
}
