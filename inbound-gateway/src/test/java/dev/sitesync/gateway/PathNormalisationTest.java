package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * Paths are normalised before routing, and the upstream receives the normalised path: no spelling of a path reaches
 * a service without the checks of the route its canonical form belongs to. Sent over a raw socket, so no client
 * library cleans the path first.
 */
@QuarkusTest
class PathNormalisationTest extends GatewayTest {

    @TestHTTPResource("/")
    java.net.URL gateway;

    @BeforeEach
    void clearPeers() {
        peers().services().clear();
        peers().worker().clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/HOOKS/central", "/Api/v1/identities/resolve", "/api/V1/identities/resolve",
            "/api/v1/identitiesX/resolve", "/api", "/", "/q/health", "/q/metrics", "/internal/v1/events",
            "/api/v1/payments/acmepay/callbacks", "/hooks/central/extra", "/ops/v1/sites/UPPER/status"})
    void pathsNoRouteCoversAreNotFound(String path) throws Exception {
        RawHttp.Response response = raw("GET", path, Map.of());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().get("content-type")).startsWith(PROBLEM_JSON);
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/identities%2fresolve", "/api/v1/identities%2Fresolve", "/api/v1/identities%5cresolve",
            "/api/v1/identities/resolve%00", "/api/v1/identities;jsessionid=x/resolve",
            "/api/v1/identities%3bx/resolve", "/api/v1/identities/%252e%252e/resolve", "/..",
            "/hooks/%2e%2e/%2e%2e/%2e%2e/etc", "/api/v1/identities/%c0%ae%c0%ae/resolve"})
    void ambiguousPathsAreRefusedBeforeRouting(String path) throws Exception {
        RawHttp.Response response = raw("POST", path, Map.of("Authorization", "Bearer " + token("w", "sync-worker")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains(PROBLEMS + "invalid-path");
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/identities\\resolve", "/api/v1/%zz/resolve"})
    void requestLinesTheHttpServerCannotParseAreRefusedBeforeTheGateway(String path) throws Exception {
        RawHttp.Response response = raw("POST", path, Map.of("Authorization", "Bearer " + token("w", "sync-worker")));

        assertThat(response.status()).isEqualTo(400);
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hooks/../api/v1/sites", "/hooks/%2e%2e/api/v1/sites", "/hooks/%2E%2E/api/v1/sites",
            "//api//v1//sites", "/api/v1/./sites", "/hooks/central/../../api/v1/sites", "/x/y/../../api/v1/sites"})
    void dotSegmentsAndDoubleSlashesResolveToTheRouteTheyNameWithItsChecks(String path) throws Exception {
        RawHttp.Response withoutToken = raw("GET", path, Map.of());
        RawHttp.Response withToken = raw("GET", path, Map.of("Authorization", "Bearer " + token("sre-1", "sre")));

        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(peers().registry().received()).extracting(r -> r.path()).contains("/api/v1/sites");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/sites/../policy", "/api/v1/sites/%2e%2e/policy"})
    void climbingOutOfARouteLandsOnTheNeighbouringRouteAndItsRules(String path) throws Exception {
        // the policy route's service is down in these tests: reaching it at all shows the path was resolved first
        RawHttp.Response response = raw("GET", path, Map.of("Authorization", "Bearer " + token("sre-1", "sre")));

        assertThat(response.status()).isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/identities/%E2%82%AC%20x", "/api/v1/identities/a%3Ab@c"})
    void encodedCharactersReachTheServiceEncodedOnce(String path) {
        given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(
                StandardCharsets.UTF_8))).urlEncodingEnabled(false).auth().oauth2(token("sre-1", "sre"))
                .when().get(path).then().statusCode(200);

        String forwarded = peers().services().received().get(0).path();
        assertThat(forwarded).isIn("/api/v1/identities/%E2%82%AC%20x", "/api/v1/identities/a:b@c");
    }

    @org.junit.jupiter.api.Test
    void theOpsRouteOfASiteReachesThatSitesWorkerUnderItsOwnPath() {
        as("sre-1", "sre").when().get("/ops/v1/sites/central/status").then().statusCode(200)
                .body("path", equalTo("/ops/v1/status"));
        as("sre-1", "sre").when().get("/ops/v1/sites/atlantis/status").then().statusCode(404);
        as("auditor-1", "auditor").when().get("/ops/v1/sites/central/status").then().statusCode(403);
    }

    @org.junit.jupiter.api.Test
    void auditorsReadTheSyncLogOfASitesWorkerAndNothingElseOfIt() {
        as("auditor-1", "auditor").queryParam("status", "APPLIED").when().get("/ops/v1/sites/central/audit/entries")
                .then().statusCode(200).body("path", equalTo("/ops/v1/audit/entries"));
        as("auditor-1", "auditor").when().post("/ops/v1/sites/central/audit/entries").then().statusCode(405);
        as("auditor-1", "auditor").when().post("/ops/v1/sites/central/dead-letters/retry").then().statusCode(403);
    }

    private RawHttp.Response raw(String method, String path, Map<String, String> headers) throws Exception {
        return RawHttp.send("127.0.0.1", gateway.getPort(), method, path, headers, new byte[0]);
    }

    private static void assertNothingForwarded() {
        assertThat(peers().services().received()).isEmpty();
        assertThat(peers().worker().received()).isEmpty();
    }
}
