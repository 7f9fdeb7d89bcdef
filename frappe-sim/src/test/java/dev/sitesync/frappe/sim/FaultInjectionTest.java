package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Faults injected on the {@code north} site, and how the client classifies each of them. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class FaultInjectionTest extends SimTestSupport {

    @AfterEach
    void clearNorthFaults() {
        clearFaults(NORTH);
    }

    private static FrappeException failure(FrappeClient client) {
        return catchThrowableOfType(FrappeException.class,
                () -> client.loggedUser().await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void addedLatencySlowsAnswersAndAShortTimeoutTurnsItIntoUnavailable() {
        injectFaults(NORTH, Map.of("latency_ms", 700));
        try (FrappeClient patient = administratorOf(NORTH, Duration.ofSeconds(5));
                FrappeClient hurried = administratorOf(NORTH, Duration.ofMillis(200))) {
            long started = System.nanoTime();
            String user = patient.loggedUser().await().atMost(Duration.ofSeconds(10));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            FrappeException timedOut = failure(hurried);

            assertThat(user).isEqualTo("Administrator");
            assertThat(tookMillis).isGreaterThanOrEqualTo(700);
            assertThat(timedOut.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(timedOut.status()).isZero();
        }
    }

    @Test
    void aBurstOf503IsUnavailableAndEndsWhenTheFaultIsCleared() {
        injectFaults(NORTH, Map.of("error_rate", 1.0, "error_status", 503));
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(5))) {
            FrappeException first = failure(client);
            FrappeException second = failure(client);
            clearFaults(NORTH);

            String afterwards = client.loggedUser().await().atMost(Duration.ofSeconds(10));

            assertThat(first.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(first.status()).isEqualTo(503);
            assertThat(first.excType()).contains("SessionStopped");
            assertThat(second.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(afterwards).isEqualTo("Administrator");
        }
    }

    @Test
    void aGatewayErrorPageIsUnavailable() {
        injectFaults(NORTH, Map.of("error_rate", 1.0, "error_status", 502));
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(5))) {
            FrappeException e = failure(client);

            assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.getMessage()).contains("502 Bad Gateway");
        }
    }

    @Test
    void aRateLimitIsRateLimitedWithItsRetryAfter() {
        injectFaults(NORTH, Map.of("error_rate", 1.0, "error_status", 429, "retry_after_seconds", 7));
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(5))) {
            FrappeException e = failure(client);

            assertThat(e.kind()).isEqualTo(FrappeErrorKind.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.excType()).contains("TooManyRequestsError");
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void anOutageClosesConnectionsAndIsUnavailable() {
        injectFaults(NORTH, Map.of("outage", true));
        try (FrappeClient client = administratorOf(NORTH, Duration.ofSeconds(5))) {
            FrappeException e = failure(client);

            assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
            assertThat(e.status()).isZero();
        }
    }

    @Test
    void faultsOnOneSiteLeaveTheOthersAlone() {
        injectFaults(NORTH, Map.of("outage", true));
        try (FrappeClient central = client(siteAs(CENTRAL, credentials(CENTRAL).admin()))) {
            assertThat(central.loggedUser().await().atMost(Duration.ofSeconds(10))).isEqualTo("Administrator");
        }
    }

    @Test
    void anUnknownStatusIsRefusedAsAProblemThatNamesTheStatusesAllowed() {
        given().contentType(ContentType.JSON).body(Map.of("error_rate", 0.5, "error_status", 418))
                .put("/admin/faults/" + NORTH).then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/invalid-request"))
                .body("detail", org.hamcrest.Matchers.containsString("500, 502, 503, 504, 429"));
    }
}
