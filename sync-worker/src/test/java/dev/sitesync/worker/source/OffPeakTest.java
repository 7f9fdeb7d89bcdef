package dev.sitesync.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.config.SettableClock;
import dev.sitesync.worker.store.InboundEvents;

/**
 * Off-peak capture on a clock the test sets: central captures Item only in its policy's window (03:00 site time,
 * open for a minute), Item Group at any time. A change made outside the window waits, its webhook event kept and the
 * poll not run for it; inside the window it flows.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "itemCaptureCron", value = "0 0 3 * * ?"))
class OffPeakTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId SITE_ZONE = ZoneId.of(SourceStackResource.SIM_ZONE);

    @Inject
    Capture capture;

    @Inject
    WebhookEvents webhookEvents;

    @Inject
    IncrementalPoll poll;

    @Inject
    InboundEvents events;

    @Inject
    SettableClock clock;

    @Inject
    Pool pool;

    private final FrappeClient site = SourceStackResource.sites().admin(SourceStackResource.SITE);

    @AfterEach
    void systemTime() {
        clock.set(null);
    }

    @Test
    void anItemChangedOutsideItsWindowWaitsAndFlowsWhenTheWindowOpensWhileItemGroupsFlowAtAnyTime() {
        String group = "Off-peak " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode groupDoc = site.insert("Item Group", JsonNodeFactory.instance.objectNode()
                .put("item_group_name", group).put("parent_item_group", "All Item Groups")).await().atMost(WAIT);
        ObjectNode item = site.insert("Item", JsonNodeFactory.instance.objectNode()
                .put("item_code", "OFF-" + UUID.randomUUID().toString().substring(0, 8)).put("item_name", "Lamp")
                .put("item_group", group).put("stock_uom", "Nos")).await().atMost(WAIT);
        String name = item.path("name").asText();

        clock.set(siteTime("2026-12-05T12:00:00"));
        take("Item Group", group, groupDoc.path("modified").asText());
        take("Item", name, item.path("modified").asText());
        capture.lanes(webhookEvents).await().atMost(WAIT);

        assertThat(poll.doctypes().await().atMost(WAIT)).doesNotContain("Item").contains("Item Group");
        assertThat(pending("Item", name)).as("the Item's event is kept").isEqualTo(1);
        assertThat(queued("Item", name)).as("nothing of the Item is sent outside its window").isZero();
        assertThat(pending("Item Group", group)).as("the group's event is captured at once").isZero();

        clock.set(siteTime("2026-12-06T03:00:20"));
        assertThat(poll.doctypes().await().atMost(WAIT)).contains("Item", "Item Group");
        capture.lanes(webhookEvents).await().atMost(WAIT);

        assertThat(pending("Item", name)).isZero();
        assertThat(queued("Item", name)).as("one envelope per consumer, inside the window").isEqualTo(2);
    }

    private static Instant siteTime(String local) {
        return LocalDateTime.parse(local).atZone(SITE_ZONE).toInstant();
    }

    private void take(String doctype, String name, String modified) {
        events.take(new WebhookEvent(SourceStackResource.SITE, doctype, name, modified, sha256(doctype + name),
                "on_update", null), null).await().atMost(WAIT);
    }

    private long pending(String doctype, String name) {
        return count("select count(*) from inbound_event where doctype = $1 and name = $2 and handled_at is null",
                doctype, name);
    }

    private long queued(String doctype, String name) {
        return count("select count(*) from outbox where doctype = $1 and envelope ->> 'sourceName' = $2", doctype, name);
    }

    private long count(String sql, Object... arguments) {
        return pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
