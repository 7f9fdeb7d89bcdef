package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Roles per endpoint: storefronts order, the gateway delivers payments, SREs and auditors read, admins run jobs. */
@QuarkusTest
class SecurityTest extends GuardApiTest {

    @Test
    void noTokenIsUnauthenticated() {
        given().contentType(ContentType.JSON).body(order().request()).when().post("/api/v1/orders/check").then()
                .statusCode(401).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unauthenticated"));
    }

    @Test
    void onlyStorefrontsCheckAndCreateOrders() {
        for (String role : new String[]{"auditor", "sre", "gateway", "sync-admin"}) {
            as("someone", role).body(order().request()).when().post("/api/v1/orders/check").then().statusCode(403)
                    .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "forbidden"));
            as("someone", role).body(order().request()).when().post("/api/v1/orders").then().statusCode(403);
        }
    }

    @Test
    void onlyTheGatewayDeliversPaymentCallbacks() {
        storefront().header("X-Payment-Signature", "t=1,v1=00").body("{}").when()
                .post("/api/v1/payments/" + PROVIDER + "/callbacks").then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void findingsAndDecisionsAreReadBySresAuditorsAndAdminsOnly() {
        storefront().when().get("/api/v1/findings").then().statusCode(403);
        as("gateway", "gateway").when().get("/api/v1/rulesets").then().statusCode(403);
        for (String role : new String[]{"sre", "auditor", "sync-admin"}) {
            as("reader", role).when().get("/api/v1/findings").then().statusCode(200);
            as("reader", role).when().get("/api/v1/rulesets").then().statusCode(200);
        }
    }

    @Test
    void onlyAdminsRunAuditsAndBacktests() {
        as("sre-1", "sre").when().post("/api/v1/audits/shop").then().statusCode(403);
        as("sre-1", "sre").body(Map.of("site", "shop", "from", "2026-01-01", "to", "2026-01-31")).when()
                .post("/api/v1/rulesets/strict/backtest").then().statusCode(403);
    }
}
