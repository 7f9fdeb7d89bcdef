package dev.sitesync.worker.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** The gateway's door: webhook events taken one by one or in batches, committed once each, replays recognised. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class EventIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Inject
    Pool pool;

    @Test
    void aBatchIsCommittedInOneTransactionWithAReceiptPerEventInItsOrderReplaysRecognised() {
        String name = "INTAKE-" + UUID.randomUUID();
        Map<String, Object> earlier = event(name + "-0", "a", null);
        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(earlier)
                .when().post("/internal/v1/events").then().statusCode(202).body("duplicate", equalTo(false));

        List<Map<String, Object>> batch = List.of(event(name + "-1", "b", TRACE), earlier, event(name + "-2", "c", null),
                event(name + "-1", "b", TRACE));
        List<Map<String, Object>> receipts = given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(batch)
                .when().post("/internal/v1/event-batches").then().statusCode(202).extract().jsonPath().getList("$");

        assertThat(receipts).extracting(receipt -> receipt.get("duplicate")).containsExactly(false, true, false, true);
        assertThat(receipts.get(3).get("eventId")).isEqualTo(receipts.get(0).get("eventId"));
        var rows = pool.preparedQuery("select name, traceparent, xmin::text as transaction from inbound_event "
                + "where name like $1 order by id").execute(Tuple.of(name + "%")).await().atMost(WAIT);
        List<String> names = new java.util.ArrayList<>();
        List<String> traces = new java.util.ArrayList<>();
        java.util.Set<String> transactions = new java.util.HashSet<>();
        rows.forEach(row -> {
            names.add(row.getString("name"));
            traces.add(row.getString("traceparent"));
            if (!row.getString("name").endsWith("-0")) {
                transactions.add(row.getString("transaction"));
            }
        });
        assertThat(names).containsExactly(name + "-0", name + "-1", name + "-2");
        // an event's own trace is kept; without one, the event is in the trace of the request that brought it
        assertThat(traces.get(1)).isEqualTo(TRACE);
        assertThat(transactions).hasSize(1);
    }

    @Test
    void aBatchWithOneInvalidEventIsRefusedWholeAndNothingOfItIsKept() {
        String name = "INTAKE-BAD-" + UUID.randomUUID();
        Map<String, Object> bad = new java.util.HashMap<>(event(name + "-2", "e", null));
        bad.put("bodySha256", "not-a-hash");
        given().auth().oauth2(gateway()).contentType(ContentType.JSON)
                .body(List.of(event(name + "-1", "d", null), bad))
                .when().post("/internal/v1/event-batches").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("bodySha256"));

        long kept = pool.preparedQuery("select count(*) from inbound_event where name like $1")
                .execute(Tuple.of(name + "%")).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(kept).isZero();
    }

    @Test
    void aBatchForAnotherSiteIsRefusedAndOnlyTheGatewayMaySendOne() {
        Map<String, Object> elsewhere = new java.util.HashMap<>(event("INTAKE-ELSEWHERE", "f", null));
        elsewhere.put("site", "north");
        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(List.of(elsewhere))
                .when().post("/internal/v1/event-batches").then().statusCode(400)
                .body("detail", containsString("not of 'north'"));
        given().auth().oauth2(LocalIssuer.shared().token("worker-north", "sync-worker")).contentType(ContentType.JSON)
                .body(List.of(event("INTAKE-WORKER", "g", null)))
                .when().post("/internal/v1/event-batches").then().statusCode(403);
        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(List.of())
                .when().post("/internal/v1/event-batches").then().statusCode(400);
    }

    private static String gateway() {
        return LocalIssuer.shared().token("inbound-gateway", "gateway");
    }

    private static Map<String, Object> event(String name, String hashDigit, String traceparent) {
        Map<String, Object> event = new java.util.HashMap<>(Map.of("site", "central", "doctype", "Item", "name", name,
                "modified", "2026-12-01 10:00:00.000000", "bodySha256", hashDigit.repeat(64), "docEvent", "on_update"));
        if (traceparent != null) {
            event.put("traceparent", traceparent);
        }
        return event;
    }
}
