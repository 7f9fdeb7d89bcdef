package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.gateway.peers.Peers;
import dev.sitesync.gateway.peers.PeersResource;
import dev.sitesync.gateway.peers.RecordingServer.Answer;
import dev.sitesync.gateway.peers.RecordingServer.Received;
import dev.sitesync.support.payment.PaymentSignature;

/**
 * The payment callback route end to end, against a stand-in for commerce-guard: a provider is authenticated (its
 * source range, then its signature under the current or previous secret) before anything else, and only then draws
 * from its rate bucket, so nobody but the provider can spend the provider's limit; what passes reaches the guard as
 * sent, under the gateway's own token.
 */
@QuarkusTest
class PaymentRouteTest extends GatewayTest {

    private static final String GUARD_PATH = "/api/v1/payments/acmepay/callbacks";

    @BeforeEach
    void guardAnswers() {
        peers().servicesEcho();
        peers().services().clear();
    }

    @AfterEach
    void guardAnswersAgain() {
        peers().servicesEcho();
    }

    @Test
    void aSignedCallbackReachesTheGuardAsSentUnderTheGatewaysToken() {
        String body = event();

        signed("acmepay", PeersResource.PAYMENT_SECRET, body).when().post("/payments/acmepay/callback").then()
                .statusCode(200).body("path", equalTo(GUARD_PATH));

        Received received = toGuard();
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(received.header("X-Payment-Signature")).startsWith("t=");
        assertThat(Peers.rolesOf(received.header("Authorization"))).contains("gateway");
    }

    @Test
    void aCallbackSignedWithThePreviousSecretIsTakenDuringARotation() {
        signed("acmepay", PeersResource.PAYMENT_PREVIOUS_SECRET, event()).when().post("/payments/acmepay/callback")
                .then().statusCode(200);
    }

    @Test
    void aBadOrStaleSignatureIsRefusedAndNothingReachesTheGuard() {
        signed("acmepay", "a-guessed-secret", event()).when().post("/payments/acmepay/callback").then().statusCode(401)
                .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-signature"));
        String body = event();
        long sixMinutesAgo = Instant.now().getEpochSecond() - 360;
        given().header("X-Payment-Signature", PaymentSignature.sign(PeersResource.PAYMENT_SECRET, sixMinutesAgo,
                body.getBytes(StandardCharsets.UTF_8))).body(body).when().post("/payments/acmepay/callback").then()
                .statusCode(401);
        given().body(event()).when().post("/payments/acmepay/callback").then().statusCode(401);

        assertThat(peers().services().received()).isEmpty();
    }

    @Test
    void callbacksThatAreNotTheProvidersDoNotSpendItsLimit() {
        for (int i = 0; i < 5; i++) {
            signed("slowpay", "a-guessed-secret", event()).when().post("/payments/slowpay/callback").then()
                    .statusCode(401);
        }

        signed("slowpay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/slowpay/callback").then()
                .statusCode(200);
        signed("slowpay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/slowpay/callback").then()
                .statusCode(200);
        signed("slowpay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/slowpay/callback").then()
                .statusCode(429).body("type", equalTo(PROBLEMS + "rate-limited"));
    }

    @Test
    void aProviderCallsOnlyFromItsRanges() {
        signed("farpay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/farpay/callback").then()
                .statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "ip-not-allowed"));
    }

    @Test
    void anUnknownProviderIsNotFoundAndOneWithoutASecretFailsClosed() {
        signed("nobodypay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/nobodypay/callback").then()
                .statusCode(404);
        signed("nosecretpay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/nosecretpay/callback")
                .then().statusCode(503).body("type", equalTo(PROBLEMS + "unavailable"));
    }

    @Test
    void aBodyAboveTheLimitIsRefusedBeforeItIsRead() {
        String body = "{\"eventId\":\"" + "x".repeat(300 * 1024) + "\"}";

        signed("acmepay", PeersResource.PAYMENT_SECRET, body).when().post("/payments/acmepay/callback").then()
                .statusCode(413);
    }

    @Test
    void aGuardThatFailsIsA503ThatNamesNoInternalHost() {
        peers().services().respondWith(request -> new Answer(502, "text/html", "<html>bad gateway at 10.0.0.7</html>",
                Map.of()));

        signed("acmepay", PeersResource.PAYMENT_SECRET, event()).when().post("/payments/acmepay/callback").then()
                .statusCode(503).body("type", equalTo(PROBLEMS + "unavailable"))
                .body("detail", not(containsString("10.0.0.7")));
    }

    private static String event() {
        return "{\"eventId\":\"evt-" + UUID.randomUUID() + "\",\"type\":\"payment.succeeded\",\"transactionId\":\"txn-"
                + UUID.randomUUID() + "\",\"amount\":236.00,\"currency\":\"INR\"}";
    }

    private static RequestSpecification signed(String provider, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json")
                .header("X-Payment-Signature", PaymentSignature.sign(secret, Instant.now().getEpochSecond(), bytes))
                .body(bytes);
    }

    private static Received toGuard() {
        List<Received> received = peers().services().receivedOn(GUARD_PATH);
        assertThat(received).hasSize(1);
        return received.get(0);
    }
}
