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

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.Scenario;
import dev.sitesync.localstack.StackSites;

/**
 * The guarantees on a quiet stack: the launcher's own scenario (propagation, ownership, the guard through the gateway
 * with Keycloak tokens), propagation checked by the consistency checker, idempotency under replayed webhooks, and
 * refusals.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class StackIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void theLaunchersScenarioPasses() {
        List<Scenario.Step> steps = new Scenario(world.stack).run();

        assertThat(steps).allSatisfy(step -> assertThat(step.passed()).as(step.name() + ": " + step.detail()).isTrue());
    }

    @Test
    void itemsCreatedOnTheOwnerReachEveryConsumerOnceWithEqualContent() {
        String prefix = "PROP-" + unique() + "-";
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(item(prefix + i, "Propagated " + i).put("description", "made on central"));
        }

        world.insertAll(StackSites.CENTRAL, "Item", items);

        ConsistencyReport report = awaitConsistent("Item", prefix);
        System.out.print(report.render());
        assertThat(report.findings()).hasSize(2).allSatisfy(f -> assertThat(f.present()).isEqualTo(30));
    }

    @Test
    void aWebhookReplayedFiveTimesThroughTheGatewayIsTakenOnceAndAppliedOncePerConsumer() throws Exception {
        String code = "REPLAY-" + unique();
        ObjectNode created = world.site(StackSites.CENTRAL).insert("Item", item(code, "Replayed"))
                .await().atMost(RunningStack.CALL);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OpsApi.Answer answer = world.sendWebhook(StackSites.CENTRAL, "Item", code,
                    created.path("modified").asText());
            outcomes.add(answer.status() + " " + answer.body().path("outcome").asText());
        }

        assertThat(outcomes).containsExactly("202 accepted", "200 duplicate", "200 duplicate", "200 duplicate",
                "200 duplicate");
        ConsistencyReport report = awaitConsistent("Item", code);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(1));
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            assertThat(world.workerCount(consumer, "select count(*) from sync_log where status = 'APPLIED' and "
                    + "local_name = '" + code + "'")).as("writes on " + consumer).isEqualTo(1);
        }
    }

    @Test
    void aCustomerOfSouthCreatedOnNorthIsAnOwnershipViolationAndReachesNoOne() throws Exception {
        String name = "Misplaced " + unique();

        world.site(StackSites.NORTH).insert("Customer", object().put("customer_name", name).put("customer_type", "Company")
                .put("customer_group", "All Customer Groups").put("territory", "South")).await().atMost(RunningStack.CALL);

        await().atMost(PATIENCE).until(() -> world.workerCount(StackSites.NORTH, "select count(*) from sync_log where "
                + "status = 'OWNERSHIP_VIOLATION' and doctype = 'Customer' and local_name = '" + name + "'") >= 1);
        assertThat(world.workerCount(StackSites.NORTH, "select count(*) from sync_log where status = 'QUEUED' and "
                + "local_name = '" + name + "'")).isZero();
        for (String other : List.of(StackSites.CENTRAL, StackSites.SOUTH)) {
            assertThat(world.count(other, "Customer", Filter.eq("customer_name", name))).isZero();
        }
    }

    /** The scenario above passes and blocks orders with a storefront's token; an operator's may not place any. */
    @Test
    void anOperatorsTokenFromKeycloakMayNotCheckOrders() {
        OpsApi.Answer operator = checkOrder("_Test Item", RunningStack.SRE);

        assertThat(operator.status()).as("an operator's token lacks the storefront role").isEqualTo(403);
        assertThat(operator.body().path("type").asText()).endsWith("/forbidden");
    }

    private OpsApi.Answer checkOrder(String itemCode, String client) {
        return world.api.call("POST", world.stack.gatewayUrl() + "/api/v1/orders/check",
                Scenario.storefrontOrder("_Test Customer", itemCode, 2).toString(), client);
    }

    private static ConsistencyReport awaitConsistent(String doctype, String prefix) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> world.check(doctype, prefix), ConsistencyReport::clean);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
