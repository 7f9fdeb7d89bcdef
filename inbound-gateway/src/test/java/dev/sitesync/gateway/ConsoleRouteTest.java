package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.gateway.peers.PeersResource;
import dev.sitesync.gateway.peers.RecordingServer.Answer;
import dev.sitesync.gateway.peers.RecordingServer.Received;

/**
 * The operator console behind the gateway: people's browsers reach its pages with their session cookie and come back
 * to the gateway after signing in at the issuer; no bearer token is asked for or passed on, and only people's
 * networks get in.
 */
@QuarkusTest
class ConsoleRouteTest extends GatewayTest {

    private static final String ISSUER_SIGN_IN = "https://issuer.example/realms/sitesync/protocol/openid-connect/auth?x=1";

    @TestHTTPResource("/")
    URL gateway;

    @AfterEach
    void servicesEchoAgain() {
        peers().servicesEcho();
    }

    @Test
    void aPageGoesThroughWithItsSessionCookieAndTheConsoleLearnsWhereTheBrowserIs() {
        peers().services().respondWith(request -> new Answer(200, "text/html;charset=UTF-8", "<h1>Conflicts</h1>",
                Map.of("Set-Cookie", "q_session=renewed; Path=/; HttpOnly", "Content-Security-Policy",
                        "default-src 'self'")));

        given().header("Cookie", "q_session=opaque").header("HX-Request", "true")
                .header("Authorization", "Bearer not-for-the-console").when().get("/console/conflicts?site=north")
                .then().statusCode(200).body(equalTo("<h1>Conflicts</h1>"))
                .header("Set-Cookie", "q_session=renewed; Path=/; HttpOnly")
                .header("Content-Security-Policy", "default-src 'self'");

        Received received = peers().services().receivedOn("/console/conflicts").get(0);
        assertThat(received.query()).isEqualTo("site=north");
        assertThat(received.header("Cookie")).isEqualTo("q_session=opaque");
        assertThat(received.header("HX-Request")).isEqualTo("true");
        assertThat(received.header("Authorization")).as("a browser's token is not the console's business").isNull();
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).endsWith(":" + gateway.getPort());
    }

    @Test
    void aRedirectToTheIssuerStaysWhereItPointsAndOneToTheConsoleItselfBecomesAPath() {
        String inside = peers().services().url() + "/console/";
        peers().services().respondWith(request -> new Answer(302, "text/plain", "",
                Map.of("Location", request.path().equals("/console/audit") ? ISSUER_SIGN_IN : inside)));

        given().redirects().follow(false).when().get("/console/audit").then().statusCode(302)
                .header("Location", ISSUER_SIGN_IN);
        given().redirects().follow(false).when().get("/console/signed-in?code=abc&state=xyz").then().statusCode(302)
                .header("Location", "/console/");
    }

    @Test
    void theConsolesScriptsAreServedThroughTheGatewayToo() {
        given().when().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200)
                .body("path", equalTo("/webjars/htmx.org/dist/htmx.min.js"));
    }

    @Test
    void fromOutsidePeoplesNetworksTheConsoleIsRefusedAndNeverReached() throws Exception {
        RawHttp.Response response = RawHttp.send(PeersResource.TRUSTED_PROXY, gateway.getPort(), "GET",
                "/console/policy", Map.of("X-Forwarded-For", "10.1.2.3"), new byte[0]);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().get("content-type")).startsWith(PROBLEM_JSON);
        assertThat(response.body()).contains(PROBLEMS + "ip-not-allowed", "10.1.2.3");
        assertThat(peers().services().receivedOn("/console/policy")).isEmpty();
    }

    @Test
    void aMethodNoPageUsesIsRefused() {
        given().body("x".getBytes(StandardCharsets.UTF_8)).when().put("/console/policy").then().statusCode(405)
                .contentType(PROBLEM_JSON).header("Allow", "GET, HEAD, POST");
    }
}
