package dev.sitesync.frappe.sim.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.frappe.client.WebhookSpec;
import dev.sitesync.frappe.sim.SimTestSupport;
import dev.sitesync.frappe.sim.WebhookReceiver;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Delivery behaviour of frappe-sim's webhooks that only a simulator can show on demand: retries and drops. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class WebhookDeliveryTest extends SimTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void givenAReceiverFailingTwiceWhenADocumentChangesThenTheThirdTryDeliversAndEachTryIsLogged() throws Exception {
        String code = "WH-RETRY-" + System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver(vertx);
                FrappeClient admin = client(siteAs(NORTH, credentials(NORTH).admin()))) {
            ObjectNode webhook = admin.createWebhook(new WebhookSpec("Item", "on_update",
                    receiver.url("/retry/" + code), List.of("name"), null, Map.of("Content-Type", "application/json")))
                    .await().atMost(WAIT);
            receiver.failNext(2);

            admin.insert("Item", itemDocument(code)).await().atMost(WAIT);
            disable(admin, webhook);

            assertThat(receiver.next(10).path()).isEqualTo("/retry/" + code);
            assertThat(receiver.next(10).path()).isEqualTo("/retry/" + code);
            WebhookReceiver.Received third = receiver.next(10);
            assertThat(third.path()).isEqualTo("/retry/" + code);
            assertThat(third.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(third.headers().get("X-Frappe-Webhook-Signature")).isNull();
            List<ObjectNode> logs = awaitLogs(admin, code, 3);
            assertThat(logs).extracting(log -> log.path("error").isNull()).containsExactly(false, false, true);
        }
    }

    @Test
    void givenDroppedWebhooksWhenADocumentChangesThenNothingIsSent() throws Exception {
        String code = "WH-DROP-" + System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver(vertx);
                FrappeClient admin = client(siteAs(NORTH, credentials(NORTH).admin()))) {
            ObjectNode webhook = admin.createWebhook(new WebhookSpec("Item", "after_insert",
                    receiver.url("/drop/" + code), List.of("name"), null, Map.of())).await().atMost(WAIT);
            given().contentType(ContentType.JSON).body(Map.of("drop_webhooks", true)).put("/admin/faults/" + NORTH)
                    .then().statusCode(200);
            try {
                admin.insert("Item", itemDocument(code)).await().atMost(WAIT);

                assertThat(receiver.next(2)).isNull();
            } finally {
                given().delete("/admin/faults/" + NORTH).then().statusCode(204);
                disable(admin, webhook);
            }
        }
    }

    /** Other tests' documents must not trigger this test's webhook once it is done. */
    private static void disable(FrappeClient admin, ObjectNode webhook) {
        admin.update("Webhook", webhook.get("name").asText(), JsonNodeFactory.instance.objectNode().put("enabled", 0))
                .await().atMost(WAIT);
    }

    /** The request logs once all tries are logged: the last is written after its answer, so it may trail it. */
    private List<ObjectNode> awaitLogs(FrappeClient admin, String code, int expected) {
        ListQuery query = ListQuery.of("Webhook Request Log").fields("name", "error", "response", "url")
                .where(Filter.eq("reference_document", code), Filter.like("url", "%/retry/%"))
                .orderBy("creation asc");
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.list(query).await().atMost(WAIT), logs -> logs.size() >= expected);
    }
}
