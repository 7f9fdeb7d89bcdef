package dev.sitesync.ownership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What an SRE relies on: probes, metrics, the API description, and problems for the framework's own errors. */
@QuarkusTest
class OperationsTest extends OwnershipApiTest {

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"));
    }

    @Test
    void metricsCountDecisionsByOutcomeAndReason() {
        asWorker().body(Map.of("items", List.of(Map.of("sourceSite", "north", "doctype", "Item", "operation", "upsert"))))
                .when().post("/api/v1/decisions").then().statusCode(200);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sitesync_ownership_decisions_total{outcome=\"refuse\",reason=\"OWNERSHIP_VIOLATION\""))
                .body(containsString("sitesync_ownership_decisions_batch_size_bucket"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/decisions")).body(containsString("/api/v1/policy/revisions"))
                .body(containsString("/api/v1/sites/{code}/onboarding"));
    }

    @Test
    void anUnknownRevisionIsANotFoundProblem() {
        asAdmin().when().get("/api/v1/policy/revisions/99999").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }
}
