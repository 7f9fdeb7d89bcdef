package dev.sitesync.ownership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** sync-admin writes, sync-worker decides, sre and auditor read; everything else is refused as problem+json. */
@QuarkusTest
class SecurityTest extends OwnershipApiTest {

    private static final Map<String, Object> DECISION = Map.of("items",
            List.of(Map.of("sourceSite", "central", "doctype", "Item", "operation", "upsert")));

    @Test
    void withoutATokenEveryEndpointIsUnauthenticated() {
        given().when().get("/api/v1/policy").then().statusCode(401).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
        given().contentType("application/json").body(DECISION).when().post("/api/v1/decisions").then().statusCode(401);
        given().when().get("/api/v1/sites").then().statusCode(401);
    }

    @Test
    void onlySyncWorkersAndAdminsDecide() {
        as("w", "sync-worker").body(DECISION).when().post("/api/v1/decisions").then().statusCode(200);
        as("a", "sync-admin").body(DECISION).when().post("/api/v1/decisions").then().statusCode(200);
        for (String role : List.of("sre", "auditor", "gateway", "storefront")) {
            as("x", role).body(DECISION).when().post("/api/v1/decisions").then().statusCode(403)
                    .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "forbidden"));
        }
    }

    @Test
    void onlySyncAdminsChangeThePolicy() {
        for (String role : List.of("sync-worker", "sre", "auditor")) {
            as("x", role).header("If-Match", "\"1\"").body(Map.of("document", "sites: []", "reason", "try"))
                    .when().put("/api/v1/policy").then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));
        }
    }

    @Test
    void sreAndAuditorsReadThePolicyAndItsRevisions() {
        for (String role : List.of("sre", "auditor")) {
            as("x", role).when().get("/api/v1/policy").then().statusCode(200);
            as("x", role).when().get("/api/v1/policy/revisions").then().statusCode(200);
            as("x", role).when().get("/api/v1/sites").then().statusCode(200);
        }
    }

    @Test
    void workersReadThePolicyButNotItsHistory() {
        asWorker().when().get("/api/v1/policy").then().statusCode(200);
        asWorker().when().get("/api/v1/policy/revisions").then().statusCode(403);
    }

    @Test
    void onlyWorkersAndAdminsRecordOnboarding() {
        as("x", "sre").body(Map.of("versions", Map.of("erpnext", "15.0.0"), "doctypes", Map.of()))
                .when().put("/api/v1/sites/north/onboarding").then().statusCode(403);
    }
}
