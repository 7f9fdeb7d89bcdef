package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.gateway.peers.PeersResource;

/** Request IDs, the access log line and the metrics: what operators see of every request. */
@QuarkusTest
class ObservabilityTest extends GatewayTest {

    @TestHTTPResource("/")
    java.net.URL gateway;

    private final List<String> accessLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            accessLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAccessLog() {
        peers().workerAccepts();
        Logger.getLogger("dev.sitesync.gateway.access").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("dev.sitesync.gateway.access").removeHandler(capture);
    }

    @Test
    void aRequestIdFromAnUntrustedCallerIsReplaced() {
        String given = "caller-chosen-id-0001";
        String answered = given().header("X-Request-Id", given).when().get("/nothing-here").then().statusCode(404)
                .extract().header("X-Request-Id");

        assertThat(answered).isNotBlank().isNotEqualTo(given);
    }

    @Test
    void aRequestIdFromTheTrustedIngressIsKeptAndForwarded() throws Exception {
        String given = "ingress-id-0000001";
        String body = itemBody("ITEM-RID-" + System.nanoTime());
        RawHttp.Response response = RawHttp.send(PeersResource.TRUSTED_PROXY, gateway.getPort(), "POST", "/hooks/central",
                Map.of("X-Request-Id", given, "X-Forwarded-For", "127.0.0.1",
                        WebhookSignature.HEADER, sign(PeersResource.CENTRAL_SECRET, body)),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().get("x-request-id")).isEqualTo(given);
        assertThat(peers().worker().received()).anyMatch(r -> given.equals(r.header("X-Request-Id")));
    }

    @Test
    void everyRequestLeavesOneAccessLineWithoutTokenOrSecret() {
        String token = token("auditor-7", "auditor");
        given().auth().oauth2(token).when().get("/api/v1/sites?secret=hunter2").then().statusCode(200);

        String line = await().atMost(Duration.ofSeconds(10)).until(
                () -> accessLines.stream().filter(l -> l.contains("caller=auditor-7")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(line).contains("clientIp=127.0.0.1", "method=GET", "route=sites", "path=/api/v1/sites", "status=200",
                "decision=forwarded", "latencyMs=", "bytesIn=", "bytesOut=");
        assertThat(line).doesNotContain(token).doesNotContain("hunter2");
    }

    @Test
    void aWebhookIsLoggedAsAcceptedThenAsDuplicate() {
        String body = itemBody("ITEM-LOG-" + System.nanoTime());
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central").then().statusCode(202);
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central").then().statusCode(200);

        // the access line is written once the answer has gone out, so it may trail the client by a moment
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accessLines)
                .filteredOn(line -> line.contains("caller=site:central"))
                .anyMatch(line -> line.contains("status=202 decision=accepted"))
                .anyMatch(line -> line.contains("status=200 decision=duplicate"))
                .noneMatch(line -> line.contains("Products")));
    }

    @Test
    void refusalsAreCountedByRouteAndReason() {
        webhook("wrong-secret", itemBody("ITEM-METRIC")).when().post("/hooks/central").then().statusCode(401);

        // the management port is chosen at start; Quarkus publishes the one it took
        int managementPort = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String exposition = given().port(managementPort).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();

        assertThat(exposition).containsPattern(
                "sitesync_gateway_requests_total\\{[^}]*decision=\"invalid-signature\"[^}]*route=\"webhooks\"[^}]*} [1-9]");
    }
}
