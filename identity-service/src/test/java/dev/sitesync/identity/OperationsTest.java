package dev.sitesync.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What an SRE relies on: probes, metrics, the API description, and problems for the framework's own errors. */
@QuarkusTest
class OperationsTest extends IdentityApiTest {

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsIncludeRequestAndBatchSizeHistograms() {
        asWorker().body(Map.of("items", List.of(item("central", "Item", unique("M"))), "assign", true))
                .when().post("/api/v1/identities/resolve").then().statusCode(200);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sitesync_identity_resolve_batch_size_bucket"))
                .body(containsString("http_server_requests_seconds_bucket"))
                .body(containsString("sitesync_identity_assigned_total"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue())
                .body(containsString("/api/v1/identities/resolve"));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        as("sre").when().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found")).body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        asWorker().when().delete("/api/v1/identities/resolve").then().statusCode(405).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }

    @Test
    void anOversizedBodyIsAPayloadTooLargeProblem() {
        asWorker().body("{\"items\":[" + "{},".repeat(700 * 1024) + "{}]}").when().post("/api/v1/identities/resolve")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "payload-too-large"));
    }

    @Test
    void theCallersRequestIdIsEchoedAndCarriedInProblems() {
        as("sre").header("X-Request-Id", "req-12345678").when().get("/api/v1/identities/not-a-uuid")
                .then().statusCode(400).header("X-Request-Id", "req-12345678").body("requestId", equalTo("req-12345678"));
    }
}
