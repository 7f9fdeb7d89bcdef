package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackSites;

/**
 * Anti-entropy on the running stack: a consumer's copies changed behind SiteSync's back, straight in frappe-sim's
 * database (no webhook, no {@code modified} change, so no capture sees it), are found by the next reconciliation of
 * the consumer with its owner (one missing, one stale), repaired through the normal pipeline, and the consistency
 * checker is clean again.
 */
@ExtendWith(SharedStack.class)
@Order(7)
class ReconciliationIT {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aCopyDeletedAndAnotherChangedInTheConsumersDatabaseAreReportedRepairedAndConsistentAgain() throws Exception {
        String prefix = "RECON-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(prefix + i);
            world.site(StackSites.CENTRAL).insert("Item", item(prefix + i, "Item " + i)).await().atMost(RunningStack.CALL);
        }
        await("the items reach the consumers").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
        String lost = codes.get(1);
        String changed = codes.get(3);

        try (Connection sim = world.sql("frappe_sim")) {
            try (PreparedStatement delete = sim.prepareStatement(
                    "delete from site_north.document where doctype = 'Item' and name = ?")) {
                delete.setString(1, lost);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement edit = sim.prepareStatement("update site_north.document set data = "
                    + "jsonb_set(data, '{item_name}', '\"changed behind SiteSync\"') where doctype = 'Item' and name = ?")) {
                edit.setString(1, changed);
                assertThat(edit.executeUpdate()).isEqualTo(1);
            }
        }

        JsonNode report = reconcile(prefix);
        assertThat(report.path("reconciliation").path("compared").asInt()).isEqualTo(codes.size());
        assertThat(report.path("reconciliation").path("inSync").asInt()).isEqualTo(codes.size() - 2);
        assertThat(report.path("reconciliation").path("missing").asInt()).isEqualTo(1);
        assertThat(report.path("reconciliation").path("stale").asInt()).isEqualTo(1);
        assertThat(report.path("findings").findValuesAsText("kind")).containsExactlyInAnyOrder("MISSING", "STALE");
        JsonNode stale = findingOf(report, "STALE");
        assertThat(stale.path("sourceName").asText()).isEqualTo(changed);
        assertThat(stale.path("detail").asText()).contains("item_name");
        assertThat(findingOf(report, "MISSING").path("sourceName").asText()).isEqualTo(lost);
        assertThat(world.check("Item", prefix).clean()).as("the checker sees the same drift").isFalse();
        assertThat(world.api.get(northWorker() + "/ops/v1/reconciliations", RunningStack.SRE).path("reports")
                .findValuesAsText("id")).contains(report.path("reconciliation").path("id").asText());

        OpsApi.Answer repaired = world.api.call("POST", northWorker() + "/ops/v1/reconciliations/"
                + report.path("reconciliation").path("id").asLong() + "/repair",
                "{\"reason\": \"copies changed behind SiteSync's back\"}", RunningStack.ADMIN);
        assertThat(repaired.status()).as(repaired.body().toString()).isEqualTo(200);
        assertThat(repaired.body().path("requested").asInt()).isEqualTo(2);

        await("both copies repaired").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> world.count(StackSites.NORTH, "Item", Filter.eq("name", lost)) == 1
                        && "Item 3".equals(world.site(StackSites.NORTH).get("Item", changed).await()
                                .atMost(RunningStack.CALL).path("item_name").asText()));
        JsonNode again = reconcile(prefix);
        assertThat(again.path("reconciliation").path("inSync").asInt()).isEqualTo(codes.size());
        assertThat(again.path("findings")).isEmpty();
        ConsistencyReport consistency = world.check("Item", prefix);
        assertThat(consistency.clean()).as(consistency.render()).isTrue();
        assertThat(world.workerCount(StackSites.NORTH, "select count(*) from sync_log where status = 'REPAIR_REQUESTED'"
                + " and detail like '% in reconciliation #" + report.path("reconciliation").path("id").asLong()
                + ", by %'")).as("each repair is in the sync log").isEqualTo(2);
    }

    @Test
    void onlyAConsumerOfTheDoctypeReconcilesAndOnlyForItsOwnSite() {
        OpsApi.Answer fromItself = world.api.call("POST", world.workerUrl(StackSites.CENTRAL) + "/ops/v1/reconciliations",
                "{\"source\": \"central\", \"doctype\": \"Item\"}", RunningStack.ADMIN);
        assertThat(fromItself.status()).isEqualTo(422);
        assertThat(fromItself.body().path("type").asText()).endsWith("/unprocessable");

        OpsApi.Answer asAnother = world.api.call("POST", world.workerUrl(StackSites.CENTRAL) + "/internal/v1/manifests",
                "{\"consumer\": \"south\", \"doctype\": \"Item\", \"limit\": 10}", RunningStack.workerClient("north"));
        assertThat(asAnother.status()).isEqualTo(403);
        assertThat(asAnother.body().path("type").asText()).endsWith("/site-not-callers");
    }

    private static JsonNode reconcile(String prefix) {
        OpsApi.Answer started = world.api.call("POST", northWorker() + "/ops/v1/reconciliations",
                "{\"source\": \"central\", \"doctype\": \"Item\", \"namePrefix\": \"" + prefix + "\"}",
                RunningStack.ADMIN);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        String url = northWorker() + "/ops/v1/reconciliations/" + started.body().path("id").asLong();
        return await("the reconciliation ends").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> world.api.get(url, RunningStack.SRE),
                        report -> !"RUNNING".equals(report.path("reconciliation").path("status").asText()));
    }

    private static JsonNode findingOf(JsonNode report, String kind) {
        for (JsonNode finding : report.path("findings")) {
            if (kind.equals(finding.path("kind").asText())) {
                return finding;
            }
        }
        throw new AssertionError("no " + kind + " finding in " + report);
    }

    private static String northWorker() {
        return world.workerUrl(StackSites.NORTH);
    }
}
