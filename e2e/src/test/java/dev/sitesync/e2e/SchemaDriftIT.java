package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackSites;

/**
 * Schema drift on the running stack: a field central sends is removed from north's Item. North parks Item as
 * SCHEMA_MISMATCH with the field named (ops API, status view, the metric the alert watches) while north's other
 * doctypes and south's Items flow; the changes wait in north's inbox. The field restored and Item resumed, every change
 * is applied and the consistency checker finds nothing missing or differing.
 */
@ExtendWith(SharedStack.class)
@Order(5)
class SchemaDriftIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String FIELD = "description";
    private static final String MISMATCH_SAMPLE = "sitesync_worker_schema_mismatch{consumer=\"north\",doctype=\"Item\",site=\"central\"}";
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aFieldRemovedOnAConsumerParksThatDoctypeThereAloneAndNothingIsLostOnceItIsBack() {
        String prefix = "DRIFT-" + unique() + "-";
        String first = prefix + "0";
        insert("Item", item(first, "Before the drift").put(FIELD, "First words"));
        await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item", Filter.eq("item_code", first)) == 1);
        long deadLettersBefore = northItemDeadLetters();
        try {
            world.removeField(StackSites.NORTH, "Item", FIELD);

            JsonNode parked = awaitMismatch();
            assertThat(parked.path("differences").findValuesAsText("field")).containsExactly(FIELD);
            assertThat(parked.path("differences").findValuesAsText("kind")).containsExactly("REMOVED");
            assertThat(parked.path("differences").get(0).path("detail").asText()).contains(FIELD + ": removed")
                    .contains("SiteSync sends it");
            await().atMost(PATIENCE).until(() -> world.metric(StackSites.NORTH, MISMATCH_SAMPLE) == 1.0);
            assertThat(schemaOf(StackSites.SOUTH, "Item").path("status").asText()).isEqualTo("COMPATIBLE");
            assertThat(schemaOf(StackSites.NORTH, "Item Group").path("status").asText()).isEqualTo("COMPATIBLE");

            // while Item is parked on north: new Items and an edit, and another doctype
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                codes.add(prefix + i);
                insert("Item", item(prefix + i, "During the drift " + i).put(FIELD, "Words " + i));
            }
            world.site(StackSites.CENTRAL).update("Item", first, object().put(FIELD, "Second words")).await()
                    .atMost(RunningStack.CALL);
            String group = prefix + "GROUP";
            insert("Item Group", object().put("item_group_name", group).put("parent_item_group", "All Item Groups"));

            await().atMost(PATIENCE).until(() -> world.count(StackSites.SOUTH, "Item",
                    Filter.like("item_code", prefix + "%")) == 6
                    && south(first).path(FIELD).asText().equals("Second words"));
            await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item Group",
                    Filter.eq("item_group_name", group)) == 1);
            assertThat(world.count(StackSites.NORTH, "Item", Filter.like("item_code", prefix + "%")))
                    .as("north applies no Item while parked").isEqualTo(1);
            assertThat(northItemDeadLetters()).as("parked changes wait in the inbox, not as dead letters")
                    .isEqualTo(deadLettersBefore);

            OpsApi.Answer refused = resume("the field is still missing");
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
            assertThat(refused.body().path("type").asText()).isEqualTo("https://sitesync.dev/problems/schema-mismatch");
            assertThat(refused.body().path("detail").asText()).contains(FIELD + ": removed");

            world.restoreMeta(StackSites.NORTH, "Item");
            OpsApi.Answer resumed = resume("north's Item has its description back");
            assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
            assertThat(resumed.body().path("status").asText()).isEqualTo("COMPATIBLE");
            JsonNode changes = world.api.get(world.workerUrl(StackSites.NORTH) + "/ops/v1/schema/Item/changes",
                    RunningStack.AUDITOR);
            assertThat(changes.get(0).path("cause").asText()).as("the resume is kept with who and why")
                    .isEqualTo("operator");
            assertThat(changes.get(0).path("reason").asText()).isEqualTo("north's Item has its description back");
            assertThat(changes.findValues("compatible")).extracting(JsonNode::asBoolean).contains(false);

            await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item",
                    Filter.like("item_code", prefix + "%")) == 6
                    && north(first).path(FIELD).asText().equals("Second words"));
            for (int i = 1; i <= 5; i++) {
                assertThat(north(prefix + i).path(FIELD).asText()).isEqualTo("Words " + i);
            }
            ConsistencyReport report = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                    .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
            System.out.print(report.render());
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(6));
            await().atMost(PATIENCE).until(() -> world.metric(StackSites.NORTH, MISMATCH_SAMPLE) == 0.0);
            assertThat(world.status(StackSites.NORTH).path("schemaMismatches")).isEmpty();
        } finally {
            world.restoreMeta(StackSites.NORTH, "Item");
            resume("the shared stack's Item meta is restored");
        }
    }

    /** North's Item once its worker reports it parked, from the status view and the schema list. */
    private static JsonNode awaitMismatch() {
        JsonNode parked = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode mismatch : world.status(StackSites.NORTH).path("schemaMismatches")) {
                if (mismatch.path("doctype").asText().equals("Item")) {
                    return mismatch;
                }
            }
            return null;
        }, found -> found != null);
        assertThat(schemaOf(StackSites.NORTH, "Item").path("status").asText()).isEqualTo("SCHEMA_MISMATCH");
        return parked;
    }

    private static long northItemDeadLetters() {
        for (JsonNode row : world.status(StackSites.NORTH).path("doctypes")) {
            if (row.path("doctype").asText().equals("Item")) {
                return row.path("deadLetters").asLong();
            }
        }
        return 0;
    }

    private static JsonNode schemaOf(String site, String doctype) {
        for (JsonNode state : world.api.get(world.workerUrl(site) + "/ops/v1/schema", RunningStack.SRE)) {
            if (state.path("doctype").asText().equals(doctype)) {
                return state;
            }
        }
        throw new AssertionError(site + " records no schema for " + doctype);
    }

    private static OpsApi.Answer resume(String reason) {
        return world.api.call("POST", world.workerUrl(StackSites.NORTH) + "/ops/v1/schema/Item/resume",
                object().put("reason", reason).toString(), RunningStack.ADMIN);
    }

    private static void insert(String doctype, ObjectNode document) {
        world.site(StackSites.CENTRAL).insert(doctype, document).await().atMost(RunningStack.CALL);
    }

    private static JsonNode north(String code) {
        return world.site(StackSites.NORTH).get("Item", code).await().atMost(RunningStack.CALL);
    }

    private static JsonNode south(String code) {
        return world.site(StackSites.SOUTH).get("Item", code).await().atMost(RunningStack.CALL);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
