package dev.sitesync.worker.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.Outbox;

/**
 * Pauses on central's worker, in-process against real frappe-sim, identity-service and ownership-service: operators
 * pause and resume with a reason (sync-admin), the status shows what is paused, since when, by whom and why, and the
 * sync log keeps both. A paused doctype's webhook events wait, uncaptured, and are captured once it is resumed; a
 * paused consumer's envelopes wait in the outbox, never claimed.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PauseTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    Capture capture;

    @Inject
    WebhookEvents webhookEvents;

    @Inject
    InboundEvents events;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    private final FrappeClient site = SourceStackResource.sites().admin(SourceStackResource.SITE);

    @AfterEach
    void resumeEverything() {
        pool.query("delete from sync_pause").execute().await().atMost(WAIT);
    }

    @Test
    void anOperatorPausesAndResumesWithAReasonAndTheStatusShowsWhatIsPausedSinceWhenByWhomAndWhy() {
        String reason = "site maintenance " + UUID.randomUUID();

        pause(Map.of("site", "north", "doctype", "Item Group", "reason", reason)).statusCode(201)
                .body("site", equalTo("north")).body("doctype", equalTo("Item Group"))
                .body("pausedBy", equalTo("ops-admin")).body("reason", equalTo(reason));
        pause(Map.of("site", "north", "doctype", "Item Group", "reason", "again")).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(reason));

        as("ops-sre", "sre").when().get("/ops/v1/status").then().statusCode(200)
                .body("paused.reason", hasItem(reason)).body("paused.find { it.reason == '" + reason + "' }.pausedAt",
                        org.hamcrest.Matchers.notNullValue());
        as("ops-auditor", "auditor").when().get("/ops/v1/pauses").then().statusCode(200)
                .body("reason", hasItem(reason));

        resume(Map.of("site", "north", "doctype", "Item Group", "reason", "done")).statusCode(200)
                .body("reason", equalTo(reason));
        resume(Map.of("site", "north", "doctype", "Item Group", "reason", "done")).statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://sitesync.dev/problems/not-found"));
        as("ops-sre", "sre").when().get("/ops/v1/status").then().body("paused.reason",
                org.hamcrest.Matchers.not(hasItem(reason)));

        List<String> logged = rows("select status || ' ' || detail from sync_log where source_site = 'north' "
                + "and doctype = 'Item Group' and status in ('PAUSED', 'RESUMED') and detail like $1 order by id",
                "%" + reason + "%").stream().map(row -> row.getString(0)).toList();
        assertThat(logged).containsExactly("PAUSED paused by ops-admin: " + reason);
        assertThat(rows("select detail from sync_log where status = 'RESUMED' and source_site = 'north' "
                + "and doctype = 'Item Group' order by id desc limit 1").get(0).getString(0))
                .startsWith("resumed by ops-admin after ").endsWith(": done");
    }

    @Test
    void onlyASyncAdminPausesAndAlwaysWithAReason() {
        as("ops-sre", "sre").contentType(ContentType.JSON)
                .body(Map.of("site", "north", "reason", "no")).when().post("/ops/v1/pauses").then().statusCode(403);
        pause(Map.of("site", "north")).statusCode(400).contentType("application/problem+json");
        pause(Map.of("site", "north", "reason", " ")).statusCode(400);
        pause(Map.of("site", "North!", "reason", "bad code")).statusCode(400);
        pause(Map.of("site", "north", "doctype", "<script>", "reason", "bad doctype")).statusCode(400);

        assertThat(rows("select count(*) from sync_pause").get(0).getLong(0)).isZero();
    }

    @Test
    void aPausedDoctypesEventsWaitUncapturedAndAreCapturedInOrderOnceResumed() {
        ObjectNode item = item();
        String name = item.path("name").asText();
        pause(Map.of("site", "central", "doctype", "Item", "reason", "hold the catalogue")).statusCode(201);

        take(item);
        capture.lanes(webhookEvents).await().atMost(WAIT);
        capture.lanes(webhookEvents).await().atMost(WAIT);

        assertThat(pendingEvents(name)).as("the event waits").isEqualTo(1);
        assertThat(queued(name)).as("nothing captured while paused").isZero();

        resume(Map.of("site", "central", "doctype", "Item", "reason", "catalogue open")).statusCode(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            capture.lanes(webhookEvents).await().atMost(WAIT);
            return pendingEvents(name) == 0;
        });
        assertThat(queued(name)).as("one envelope per consumer").isEqualTo(2);
    }

    @Test
    void aPausedConsumersEnvelopesWaitInTheOutboxUnclaimed() {
        pause(Map.of("site", "north", "reason", "north is being upgraded")).statusCode(201);
        ObjectNode item = item();
        String name = item.path("name").asText();

        take(item);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            capture.lanes(webhookEvents).await().atMost(WAIT);
            return queued(name) == 2;
        });

        assertThat(outbox.dueConsumers().await().atMost(WAIT)).doesNotContain("north");
        assertThat(outbox.claimHead("north", 500, Duration.ofSeconds(60)).await().atMost(WAIT)).isEmpty();
        assertThat(rows("""
                select status, attempts, claim_owner from outbox
                 where consumer = 'north' and envelope ->> 'sourceName' = $1""", name))
                .singleElement().satisfies(row -> {
                    assertThat(row.getString("status")).isEqualTo("PENDING");
                    assertThat(row.getInteger("attempts")).isZero();
                    assertThat(row.getString("claim_owner")).isNull();
                });
    }

    private ValidatableResponse pause(Map<String, Object> request) {
        return as("ops-admin", "sync-admin").contentType(ContentType.JSON).body(request).when().post("/ops/v1/pauses")
                .then();
    }

    private ValidatableResponse resume(Map<String, Object> request) {
        return as("ops-admin", "sync-admin").contentType(ContentType.JSON).body(request)
                .when().post("/ops/v1/pauses/resume").then();
    }

    private static io.restassured.specification.RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(LocalIssuer.shared().token(subject, role));
    }

    private ObjectNode item() {
        return site.insert("Item", JsonNodeFactory.instance.objectNode()
                .put("item_code", "PAUSE-" + UUID.randomUUID().toString().substring(0, 8)).put("item_name", "Held")
                .put("item_group", "All Item Groups").put("stock_uom", "Nos")).await().atMost(WAIT);
    }

    private void take(ObjectNode document) {
        String name = document.path("name").asText();
        // a body hash of its own: each call is another delivery of the hook
        String body = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        events.take(new WebhookEvent(SourceStackResource.SITE, "Item", name, document.path("modified").asText(), body,
                "on_update", null), null).await().atMost(WAIT);
    }

    private long pendingEvents(String name) {
        return rows("select count(*) from inbound_event where doctype = 'Item' and name = $1 and handled_at is null",
                name).get(0).getLong(0);
    }

    private long queued(String name) {
        return rows("select count(*) from outbox where doctype = 'Item' and envelope ->> 'sourceName' = $1", name)
                .get(0).getLong(0);
    }

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }
}
