package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackSites;

/**
 * Pause and resume on the running stack: a consumer paused (its applying on its own worker, the deliveries to it on
 * its owner's worker) while the owner changes {@link FaultScale#changes()} times; nothing moves while paused, nothing
 * is dropped, and after resuming every copy is at its newest version, applied in order.
 */
@ExtendWith(SharedStack.class)
@Order(6)
class PauseIT {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final FaultScale SCALE = FaultScale.current();
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aConsumerPausedWhileItsOwnerChangesGetsEveryChangeInOrderOnceResumedAndNothingIsDropped() throws Exception {
        String prefix = "PAUSE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < SCALE.changes() / 2; i++) {
            items.add(item(prefix + String.format("%04d", i), "Version 1 of " + i));
        }
        FrappeClient central = world.site(StackSites.CENTRAL);
        String north = world.workerUrl(StackSites.NORTH);
        String owner = world.workerUrl(StackSites.CENTRAL);
        Instant pausedAt = Instant.now();
        boolean applying = false;
        boolean delivering = false;
        try {
            assertThat(pause(north, "north's ERP is being upgraded").status()).isEqualTo(201);
            applying = true;
            assertThat(pause(owner, "hold deliveries to north during its upgrade").status()).isEqualTo(201);
            delivering = true;
            assertThat(world.status(StackSites.NORTH).path("paused").findValuesAsText("reason"))
                    .contains("north's ERP is being upgraded");

            changeAll(items, doc -> central.insert("Item", doc));
            changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                    object().put("item_name", "Version 2 of " + doc.path("item_code").asText())));

            await("every second version queued for north on central").atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> latestQueued(StackSites.CENTRAL, "outbox", prefix) == items.size());
            assertThat(inNorthsInbox(prefix)).as("deliveries wait while paused").isZero();

            assertThat(resume(owner, "deliveries to north may go on").status()).isEqualTo(200);
            delivering = false;
            await("every second version in north's inbox").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                    .until(() -> latestQueued(StackSites.NORTH, "inbox", prefix) == items.size());
            assertThat(world.count(StackSites.NORTH, "Item", Filter.like("item_code", prefix + "%")))
                    .as("nothing applied while north's applying is paused").isZero();
            assertThat(world.workerCount(StackSites.NORTH, "select count(*) from apply_task t join inbox i on i.id = "
                    + "t.inbox_id where i.envelope ->> 'sourceName' like '" + prefix + "%' and t.status <> 'READY'"))
                    .as("every task still queued").isZero();

            Instant resumedAt = Instant.now();
            assertThat(resume(north, "upgrade done").status()).isEqualTo(200);
            applying = false;
            ConsistencyReport report = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                    .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
            Duration catchUp = Duration.between(resumedAt, Instant.now());

            System.out.print(report.render());
            System.out.printf("Pause figures: %d changes while paused %d s, caught up %d s after resuming%n",
                    items.size() * 2, Duration.between(pausedAt, resumedAt).toSeconds(), catchUp.toSeconds());
            assertThat(report.outOfOrder()).as("versions applied in order").isZero();
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
            assertThat(world.site(StackSites.NORTH).get("Item", prefix + "0000").await().atMost(RunningStack.CALL)
                    .path("item_name").asText()).isEqualTo("Version 2 of " + prefix + "0000");
            assertThat(world.workerCount(StackSites.NORTH, "select count(*) from dead_letter d join inbox i on "
                    + "i.external_id = d.external_id where i.envelope ->> 'sourceName' like '" + prefix + "%'"))
                    .as("no dead letters").isZero();
            assertThat(world.workerCount(StackSites.CENTRAL, "select count(*) from outbox where status = 'PARKED' "
                    + "and envelope ->> 'sourceName' like '" + prefix + "%'")).as("nothing parked").isZero();
            assertThat(world.workerCount(StackSites.NORTH, "select count(*) from sync_log where status in "
                    + "('PAUSED', 'RESUMED') and (detail like '%north''s ERP is being upgraded' or detail like "
                    + "'%: upgrade done')")).as("pause and resume audited").isEqualTo(2);
        } finally {
            // never leave the shared stack paused for the classes after this one
            if (delivering) {
                resume(owner, "test over");
            }
            if (applying) {
                resume(north, "test over");
            }
        }
    }

    private static OpsApi.Answer pause(String worker, String reason) {
        return world.api.call("POST", worker + "/ops/v1/pauses", object().put("site", StackSites.NORTH)
                .put("reason", reason).toString(), RunningStack.ADMIN);
    }

    private static OpsApi.Answer resume(String worker, String reason) {
        return world.api.call("POST", worker + "/ops/v1/pauses/resume", object().put("site", StackSites.NORTH)
                .put("reason", reason).toString(), RunningStack.ADMIN);
    }

    /** How many of the prefix's documents have their second version in a worker's outbox (for north) or inbox. */
    private static long latestQueued(String site, String table, String prefix) throws Exception {
        String forNorth = table.equals("outbox") ? " and consumer = 'north'" : "";
        return world.workerCount(site, "select count(distinct envelope ->> 'sourceName') from " + table
                + " where envelope ->> 'sourceName' like '" + prefix + "%'" + forNorth
                + " and envelope -> 'payload' ->> 'item_name' like 'Version 2 of %'");
    }

    private static long inNorthsInbox(String prefix) throws Exception {
        return world.workerCount(StackSites.NORTH, "select count(*) from inbox where envelope ->> 'sourceName' like '"
                + prefix + "%'");
    }

    private static void changeAll(List<ObjectNode> documents, Function<ObjectNode, Uni<ObjectNode>> change) {
        Multi.createFrom().iterable(documents).onItem().transformToUni(doc -> change.apply(doc)).merge(8).collect().asList()
                .await().atMost(PATIENCE);
    }
}
