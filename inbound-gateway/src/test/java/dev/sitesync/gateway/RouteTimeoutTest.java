package dev.sitesync.gateway;

import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.gateway.peers.RecordingServer.Answer;

/**
 * A route may wait longer than the gateway's default upstream timeout (10 s): commerce-guard bounds an order's creation
 * by its own deadline, and the orders route waits longer than that, so a storefront gets the guard's answer, not a 503
 * while its order is still being created.
 */
@QuarkusTest
class RouteTimeoutTest extends GatewayTest {

    private static final Duration LONGER_THAN_THE_DEFAULT = Duration.ofSeconds(11);

    @AfterEach
    void servicesAnswerAtOnceAgain() {
        peers().servicesEcho();
    }

    @Test
    void anOrderTheGuardTakesLongerThanTheDefaultTimeoutToCreateIsStillAnswered() {
        peers().services().respondWith(request -> {
            try {
                Thread.sleep(LONGER_THAN_THE_DEFAULT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.json(201, "{\"salesOrder\":{\"name\":\"SAL-ORD-2026-00001\"}}");
        });

        as("shop", "storefront").contentType(ContentType.JSON).body("{}").when().post("/api/v1/orders").then()
                .statusCode(201).body("salesOrder.name", equalTo("SAL-ORD-2026-00001"));
    }
}
