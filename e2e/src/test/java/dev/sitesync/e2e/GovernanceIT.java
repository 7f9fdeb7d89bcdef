package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackSites;

/**
 * Governance on the running stack: conflicts resolved by people. A copy edited on a consumer while its owner changes
 * the document is never overwritten silently; an operator sees both versions and the fields that differ, and decides.
 */
@ExtendWith(SharedStack.class)
@Order(4)
class GovernanceIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aCopyEditedOnAConsumerWhileItsOwnerChangesItIsAConflictThatAnOperatorResolves() {
        String accepted = "CONF-" + unique();
        String kept = "CONF-" + unique();
        FrappeClient central = world.site(StackSites.CENTRAL);
        FrappeClient north = world.site(StackSites.NORTH);
        for (String code : List.of(accepted, kept)) {
            central.insert("Item", item(code, "Owner's first words")).await().atMost(RunningStack.CALL);
        }
        for (String code : List.of(accepted, kept)) {
            await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item",
                    dev.sitesync.frappe.client.Filter.eq("item_code", code)) == 1);
            north.update("Item", code, object().put("description", "North's own words")).await()
                    .atMost(RunningStack.CALL);
            central.update("Item", code, object().put("item_name", "Owner's second words")).await()
                    .atMost(RunningStack.CALL);
        }

        JsonNode conflict = awaitConflict(accepted);
        JsonNode other = awaitConflict(kept);

        assertThat(conflict.path("sourceHash").asText()).isNotEqualTo(conflict.path("targetHash").asText());
        assertThat(conflict.path("targetModifiedBy").asText()).isEqualTo("Administrator");
        assertThat(conflict.path("differences").findValuesAsText("field")).contains("item_name", "description");
        assertThat(copy(accepted).path("description").asText()).as("the consumer's edit is kept until decided")
                .isEqualTo("North's own words");

        assertOk(resolve(conflict, "accept-source", "the owner's catalogue wins"));
        await().atMost(PATIENCE).until(() -> copy(accepted).path("item_name").asText().equals("Owner's second words"));
        assertThat(copy(accepted).path("description").asText()).isNotEqualTo("North's own words");

        assertOk(resolve(other, "keep-target", "north keeps its description"));
        assertThat(copy(kept).path("description").asText()).isEqualTo("North's own words");
        central.update("Item", kept, object().put("item_name", "Owner's third words")).await()
                .atMost(RunningStack.CALL);
        JsonNode again = awaitConflict(kept);
        assertThat(again.path("id").asLong()).as("a new conflict, not the one kept").isNotEqualTo(other.path("id")
                .asLong());
        assertThat(again.path("sourceDocument").path("item_name").asText()).isEqualTo("Owner's third words");
        assertThat(copy(kept).path("description").asText()).isEqualTo("North's own words");

        assertThat(resolve(conflict, "keep-target", "twice").status()).as("decided once").isEqualTo(409);
        assertThat(resolve(again, "keep-target", " ").status()).as("a reason is required").isEqualTo(400);
        assertThat(world.api.call("POST", world.workerUrl(StackSites.NORTH) + "/ops/v1/conflicts/"
                + again.path("id").asLong() + "/resolve", "{\"resolution\": \"accept-source\", \"reason\": \"x\"}",
                RunningStack.AUDITOR).status()).as("an auditor looks, never acts").isEqualTo(403);
    }

    private static JsonNode copy(String code) {
        return world.site(StackSites.NORTH).get("Item", code).await().atMost(RunningStack.CALL);
    }

    /** The document's open conflict on north, once it is there. */
    private static JsonNode awaitConflict(String code) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode page = world.api.get(world.workerUrl(StackSites.NORTH) + "/ops/v1/conflicts?doctype=Item",
                    RunningStack.SRE);
            for (JsonNode conflict : page.path("items")) {
                if (code.equals(conflict.path("localName").asText())) {
                    return conflict;
                }
            }
            return null;
        }, found -> found != null);
    }

    private static OpsApi.Answer resolve(JsonNode conflict, String resolution, String reason) {
        return world.api.call("POST", world.workerUrl(StackSites.NORTH) + "/ops/v1/conflicts/"
                + conflict.path("id").asLong() + "/resolve",
                object().put("resolution", resolution).put("reason", reason)
                        .toString(),
                RunningStack.ADMIN);
    }

    private static void assertOk(OpsApi.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
