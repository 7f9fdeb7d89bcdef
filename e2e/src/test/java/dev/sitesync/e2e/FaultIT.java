package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.ManagedService;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackSites;

/**
 * Parts of SiteSync stopped or crashed while changes flow, each ending without an operator: a consumer's site down
 * (with its worker SIGKILLed meanwhile), identity-service stopped, a consumer's worker stopped, a consumer's sync user
 * refused, the gateway restarted.
 * <p>
 * On a stack of its own, beside the classes of the shared stack: the outages are mostly waiting for time to pass, so
 * they run while the other classes work instead of after them. It borrows the shared stack's Keycloak, which no scenario
 * stops, and has its stack to itself ({@code @ResourceLock}): its scenarios run one at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(FaultIT.STACK)
class FaultIT extends FaultScenarios {

    static final String STACK = "FaultIT's stack";

    @Override
    @BeforeAll
    void stack() {
        world = RunningStack.startBeside("faults", SharedStack.get());
    }

    @AfterAll
    void stopStack() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aConsumersSiteDownForMinutesWithItsWorkerKilledMeanwhileGetsEveryChangeOnceAfterItsReturn() throws Exception {
        String prefix = "OUT-" + unique() + "-";
        List<ObjectNode> items = items(prefix, SCALE.killChanges() / 2);
        FrappeClient central = world.site(StackSites.CENTRAL);
        ManagedService north = world.stack.worker(StackSites.NORTH);
        AtomicInteger changes = new AtomicInteger();
        Instant outageEnds = Instant.now().plus(SCALE.siteOutage());

        world.fault(StackSites.NORTH, "{\"error_rate\": 1.0, \"error_status\": 503}");
        try {
            changeAll(items.subList(0, items.size() / 2), doc -> central.insert("Item", doc), changes);
            awaitCircuit(StackSites.NORTH, "site", "OPEN");
            north.kill();
            north.start();
            changeAll(items.subList(items.size() / 2, items.size()), doc -> central.insert("Item", doc), changes);
            north.awaitReady(Duration.ofMinutes(3));
            changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                    object().put("item_name", "Version 2 of " + doc.path("item_code").asText())), changes);
            holdUntil(outageEnds, () -> assertCircuit(StackSites.NORTH, "site", "OPEN"));
        } finally {
            world.clearFault(StackSites.NORTH);
        }

        ConsistencyReport report = awaitConsistent(prefix);
        awaitCircuit(StackSites.NORTH, "site", "CLOSED");
        record("consumer site 503 + worker SIGKILL", changes.get(), "north 503 " + SCALE.siteOutage().toSeconds()
                + " s, 1 kill", report, prefix);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    @Test
    void identityServiceStoppedWhileChangesFlowLosesNothingAndLeavesNothingForOperators() throws Exception {
        String prefix = "IDS-" + unique() + "-";
        List<ObjectNode> items = items(prefix, SCALE.changes());
        ManagedService identity = world.stack.service(Stack.IDENTITY);
        AtomicInteger changes = new AtomicInteger();
        Instant outageEnds = Instant.now().plus(SCALE.serviceOutage());

        identity.stop();
        try {
            changeAll(items, doc -> world.site(StackSites.CENTRAL).insert("Item", doc), changes);
            holdUntil(outageEnds, () -> assertThat(identity.isAlive()).isFalse());
        } finally {
            identity.start();
            identity.awaitReady(Duration.ofMinutes(3));
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("identity-service stopped", changes.get(), "stopped " + SCALE.serviceOutage().toSeconds() + " s", report,
                prefix);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    @Test
    void aConsumersWorkerStoppedWhileChangesFlowGetsThemAllInOrderAfterItsRestart() throws Exception {
        String prefix = "PEER-" + unique() + "-";
        List<ObjectNode> items = items(prefix, SCALE.changes() / 2);
        ManagedService north = world.stack.worker(StackSites.NORTH);
        FrappeClient central = world.site(StackSites.CENTRAL);
        AtomicInteger changes = new AtomicInteger();
        Instant outageEnds = Instant.now().plus(SCALE.workerOutage());

        north.stop();
        try {
            changeAll(items, doc -> central.insert("Item", doc), changes);
            changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                    object().put("item_name", "Version 2 of " + doc.path("item_code").asText())), changes);
            awaitCircuit(StackSites.CENTRAL, "peer:" + StackSites.NORTH, "OPEN");
            holdUntil(outageEnds, () -> assertCircuit(StackSites.CENTRAL, "peer:" + StackSites.NORTH, "OPEN"));
        } finally {
            north.start();
            north.awaitReady(Duration.ofMinutes(3));
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("consumer's worker stopped", changes.get(), "stopped " + SCALE.workerOutage().toSeconds() + " s", report,
                prefix);
        assertThat(report.outOfOrder()).as("versions applied in order").isZero();
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    /**
     * A consumer's sync user refused (its secret changed on the site): the worker stops writing and probes once per
     * interval, so the user is not locked out; the refusal outlives a restart; the other consumer is not affected;
     * once the secret is right again, everything flows without anyone retrying anything.
     */
    @Test
    void aConsumerWhoseSyncUserIsRefusedWaitsAndFlowsAgainOnceItsSecretIsRight() throws Exception {
        String prefix = "KEY-" + unique() + "-";
        List<ObjectNode> items = items(prefix, 10);
        AtomicInteger changes = new AtomicInteger();
        ManagedService south = world.stack.worker(StackSites.SOUTH);
        world.rotateSyncSecret(StackSites.SOUTH);
        long writes;
        long probes;
        long watchedFor;
        try {
            changeAll(items, doc -> world.site(StackSites.CENTRAL).insert("Item", doc), changes);
            awaitCircuit(StackSites.SOUTH, "site", "OPEN");
            await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item",
                    Filter.like("item_code", prefix + "%")) == items.size());
            south.stop();
            south.start();
            south.awaitReady(Duration.ofMinutes(3));
            assertCircuit(StackSites.SOUTH, "site", "OPEN");
            world.resetRequests(StackSites.SOUTH);
            Instant watched = Instant.now();
            long logBefore = workerCount(StackSites.SOUTH, "select coalesce(max(id), 0) from sync_log");
            holdUntil(watched.plusSeconds(12), () -> assertCircuit(StackSites.SOUTH, "site", "OPEN"));
            JsonNode seen = world.requests(StackSites.SOUTH).path("by_kind");
            writes = seen.path("insert").asLong() + seen.path("update").asLong();
            probes = workerCount(StackSites.SOUTH, "select count(*) from sync_log where status = 'RETRY' and id > "
                    + logBefore);
            watchedFor = Duration.between(watched, Instant.now()).toSeconds();
        } finally {
            world.restoreSyncSecret(StackSites.SOUTH);
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("consumer's sync user refused (401)", changes.get(), "south 401, restart, " + probes
                + " probes in " + watchedFor + " s", report, prefix);
        // at most one probe per 5 s (the stack's interval), each a single document's apply: two or three in the 12 s
        // watched, or one more for each 5 s the watch overran on a loaded machine
        assertThat(probes).as("probes in %d s", watchedFor).isBetween(1L, watchedFor / 5 + 1);
        assertThat(writes).as("writes that reached the site meanwhile").isLessThanOrEqualTo(probes);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    @Test
    void aGatewayRestartedWhileWebhooksArriveLosesNothingItAcknowledged() throws Exception {
        String prefix = "GW-" + unique() + "-";
        ManagedService gateway = world.stack.service(Stack.GATEWAY);
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger tried = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        FrappeClient central = world.site(StackSites.CENTRAL);

        // a site keeps sending (its own webhooks go to the gateway too); the test signs one more hook per change. Paced
        // at 5 changes a second: unpaced, the changes made while the gateway restarted were many hundreds, each synced
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleWithFixedDelay(() -> {
            String code = prefix + String.format("%04d", tried.getAndIncrement());
            try {
                ObjectNode created = central.insert("Item", item(code, "Through the gateway")).await()
                        .atMost(RunningStack.CALL);
                made.incrementAndGet();
                if (world.sendWebhook(StackSites.CENTRAL, "Item", code, created.path("modified").asText())
                        .status() == 202) {
                    accepted.add(code);
                } else {
                    refused.incrementAndGet();
                }
            } catch (RuntimeException e) {
                refused.incrementAndGet();
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        int madeDuringOutage;
        try {
            await().atMost(PATIENCE).until(() -> accepted.size() >= 40);
            gateway.stop();
            madeDuringOutage = made.get();
            gateway.start();
            gateway.awaitReady(Duration.ofMinutes(3));
            await().atMost(PATIENCE).until(() -> accepted.size() >= 80);
        } finally {
            sender.shutdown();
        }
        assertThat(sender.awaitTermination(1, TimeUnit.MINUTES)).as("the sender stopped").isTrue();

        ConsistencyReport report = awaitConsistent(prefix);
        long acknowledgedButMissing = accepted.stream().filter(code -> workerCount(StackSites.CENTRAL,
                "select count(*) from inbound_event where name = '" + code + "'") == 0).count();
        record("gateway restarted", made.get(), "1 restart, " + refused.get() + " refused", report, prefix);
        assertThat(made.get()).isGreaterThan(madeDuringOutage);
        assertThat(acknowledgedButMissing).as("webhooks the gateway acknowledged reached the worker").isZero();
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(made.get()));
        // over both of its starts, the gateway answered every webhook without an unexpected failure: those arriving
        // during a start's first read of the site registry were once answered 500 ("Request has already been read")
        assertThat(Files.readAllLines(gateway.log())).as("the gateway's log")
                .noneMatch(line -> line.contains("Unexpected failure"));
    }
}
