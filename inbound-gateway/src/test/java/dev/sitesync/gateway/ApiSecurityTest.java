package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.gateway.peers.RecordingServer.Received;
import dev.sitesync.stack.oidc.LocalIssuer;

/**
 * Service callers: every way a token can be wrong is a 401 that never reaches a service; an issuer whose keys cannot
 * be fetched is a 503; a good token reaches the service with the caller's own token and the request ID.
 */
@QuarkusTest
class ApiSecurityTest extends GatewayTest {

    private static final String RESOLVE = "/api/v1/identities/resolve";
    private static LocalIssuer foreign;

    @BeforeAll
    static void startForeignIssuer() {
        foreign = LocalIssuer.startSeparate();
    }

    @AfterAll
    static void stopForeignIssuer() {
        foreign.close();
    }

    @BeforeEach
    void clearPeers() {
        peers().services().clear();
    }

    @AfterEach
    void jwksBackUp() {
        LocalIssuer.shared().jwksAvailable(true);
    }

    @Test
    void aValidTokenWithARouteRoleReachesTheServiceWithTheCallersOwnToken() {
        String token = token("worker-central", "sync-worker");
        given().auth().oauth2(token).contentType("application/json").body("{\"items\":[]}")
                .when().post(RESOLVE + "?assign=true").then().statusCode(200).body("path", equalTo(RESOLVE));

        Received forwarded = peers().services().received().get(0);
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.query()).isEqualTo("assign=true");
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(forwarded.header("X-Request-Id")).isNotBlank();
        assertThat(forwarded.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void noTokenIsUnauthenticated() {
        unauthenticated(given().when().post(RESOLVE).then()).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        unauthenticated(call(LocalIssuer.shared().tokens().roles("sync-worker").expiredSince(Duration.ofMinutes(10)).sign()));
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthenticated() {
        unauthenticated(call(foreign.token("mallory", "sync-worker")));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        unauthenticated(call(LocalIssuer.shared().tokens().roles("sync-worker").audience("storefront-api").sign()));
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderOurKeyIdIsUnauthenticated() {
        unauthenticated(
                call(LocalIssuer.shared().tokens().roles("sync-worker").signedWith(foreign.keys().getPrivate()).sign()));
    }

    @Test
    void anUnsignedTokenIsUnauthenticated() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        unauthenticated(call(header + "." + claims() + "."));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsUnauthenticated() throws Exception {
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + LocalIssuer.shared().keyId() + "\"}");
        String signingInput = header + "." + claims();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalIssuer.shared().keys().getPublic().getEncoded(), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        unauthenticated(call(signingInput + "." + signature));
    }

    @Test
    void aTokenWithAnUnknownKeyIdIsUnauthenticatedWhileTheKeysCanBeFetched() {
        unauthenticated(call(LocalIssuer.shared().tokens().roles("sync-worker").keyId("rotated-away").sign()));
    }

    @Test
    void whenTheKeysCannotBeFetchedATokenNeedingThemFailsClosedWith503() {
        LocalIssuer.shared().jwksAvailable(false);

        call(LocalIssuer.shared().tokens().roles("sync-worker").keyId("rotated-in").sign())
                .statusCode(503).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unavailable"));

        assertThat(peers().services().received()).isEmpty();
    }

    @Test
    void aTokenWithoutARoleOfTheRouteIsForbidden() {
        call(token("shopper", "storefront")).statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        assertThat(peers().services().received()).isEmpty();
    }

    @Test
    void aClientOutsideItsIpScopeIsRefused() {
        call(token("scoped-client", "sync-worker")).statusCode(403).body("type", equalTo(PROBLEMS + "ip-not-allowed"));
        assertThat(peers().services().received()).isEmpty();
    }

    @Test
    void aClientOverItsRateLimitIsToldWhenToRetry() {
        String token = token("burst-client", "sync-worker");
        call(token).statusCode(200);
        call(token).statusCode(200);

        call(token).statusCode(429).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "rate-limited"))
                .header("Retry-After", org.hamcrest.Matchers.matchesRegex("[1-9][0-9]*"));
    }

    @Test
    void anUnreachableServiceIsAnUnavailableProblemThatNamesNoHost() {
        String body = as("sre-1", "sre").when().get("/api/v1/policy").then().statusCode(503).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unavailable")).extract().asString();

        assertThat(body).doesNotContain("127.0.0.1").doesNotContain(":1/");
    }

    private static ValidatableResponse call(String token) {
        return given().auth().oauth2(token).contentType("application/json").body("{\"items\":[]}").when().post(RESOLVE)
                .then();
    }

    private ValidatableResponse unauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unauthenticated"));
        assertThat(peers().services().received()).isEmpty();
        return response;
    }

    private static String claims() {
        long now = System.currentTimeMillis() / 1000;
        return base64Url("{\"iss\":\"" + LocalIssuer.shared().url() + "\",\"sub\":\"mallory\",\"aud\":\""
                + LocalIssuer.AUDIENCE + "\",\"groups\":[\"sync-admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
