package dev.sitesync.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.stack.oidc.LocalIssuer;

/** Tokens go through quarkus-oidc's real checks: signature, issuer, audience, expiry; roles per endpoint. */
@QuarkusTest
class SecurityTest extends IdentityApiTest {

    private static LocalIssuer foreign;

    @BeforeAll
    static void startForeignIssuer() {
        foreign = LocalIssuer.startSeparate();
    }

    @AfterAll
    static void stopForeignIssuer() {
        foreign.close();
    }

    @Test
    void noTokenIsUnauthenticated() {
        unauthenticated(resolveWith(null).header("WWW-Authenticate", "Bearer"));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        unauthenticated(
                resolveWith(LocalIssuer.shared().tokens().roles("sync-worker").expiredSince(Duration.ofMinutes(10)).sign()));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        unauthenticated(resolveWith(LocalIssuer.shared().tokens().roles("sync-worker").audience("storefront-api").sign()));
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthenticated() {
        unauthenticated(resolveWith(foreign.token("mallory", "sync-worker")));
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderOurKeyIdIsUnauthenticated() {
        unauthenticated(
                resolveWith(LocalIssuer.shared().tokens().roles("sync-worker").signedWith(foreign.keys().getPrivate()).sign()));
    }

    @Test
    void readersCannotWrite() {
        resolveWith(LocalIssuer.shared().token("auditor-1", "auditor")).statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        resolveWith(LocalIssuer.shared().token("sre-1", "sre")).statusCode(403);
    }

    @Test
    void aTokenWithoutRolesCannotRead() {
        given().auth().oauth2(LocalIssuer.shared().token("nobody")).when().get("/api/v1/identities/" + UUID.randomUUID())
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void writersMayWrite() {
        resolveWith(LocalIssuer.shared().token("worker", "sync-worker")).statusCode(200);
        resolveWith(LocalIssuer.shared().token("admin", "sync-admin")).statusCode(200);
    }

    private static ValidatableResponse resolveWith(String token) {
        var request = given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item("central", "Item", unique("Sec"))), "assign", true));
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.when().post("/api/v1/identities/resolve").then();
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unauthenticated"));
    }
}
