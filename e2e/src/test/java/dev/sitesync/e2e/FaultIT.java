package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.localstack.ManagedService;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackSites;

/**
 * Outages, crashes and mistakes while changes flow, each ending without an operator: a consumer's site down (with its
 * worker SIGKILLed meanwhile), identity-service stopped, a consumer's worker stopped, a site slowed past the apply
 * lease under two replicas, a site asking to wait (429), a refused sync user, a write that commits and loses its
 * answer, the gateway restarted, external IDs duplicated or typed over on a consumer, and edits inside a DST fall-back
 * hour with a late commit. The consistency checker's report is the evidence at the end of
 * each: nothing lost, nothing duplicated, versions applied in order; and no dead letter or parked delivery was left
 * for anyone. Sizes follow {@link FaultScale}; the table of figures is printed at the end.
 */
@ExtendWith(SharedStack.class)
@Order(100)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    /** How many applies a worker runs at once (its default, which the stack keeps): the writes that meet a 429. */
    private static final int APPLIES_IN_FLIGHT = 16;
    private static final FaultScale SCALE = FaultScale.current();
    private static final String EXTERNAL_ID = "sitesync_external_id";
    private static final List<String> FIGURES = Collections.synchronizedList(new ArrayList<>());
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @AfterAll
    static void printFigures() {
        System.out.printf("%nFault figures (%s scale)%n%-44s %8s %-30s %5s %10s %12s %7s%n", SCALE.name(), "scenario",
                "changes", "fault", "lost", "duplicated", "dead letters", "parked");
        FIGURES.forEach(System.out::println);
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
     * Customers are named by the site (the same customer name twice makes two documents), so a document applied twice
     * would show as two copies: the site is slowed past the apply lease while two replicas of its worker share work.
     */
    @Test
    void twoReplicasOfAWorkerWhoseSiteIsSlowerThanTheLeaseApplyEachCustomerOnce() throws Exception {
        String prefix = "Slow " + unique() + " ";
        List<String> names = List.of(prefix + "1", prefix + "2", prefix + "3", prefix + "4");
        ManagedService replica = world.stack.startReplica(StackSites.CENTRAL);
        world.fault(StackSites.CENTRAL, "{\"latency_ms\": 12000}");
        try {
            for (String name : names) {
                world.site(StackSites.NORTH).insert("Customer", object().put("customer_name", name)
                        .put("customer_type", "Company").put("customer_group", "All Customer Groups")
                        .put("territory", "North")).await().atMost(RunningStack.CALL);
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> names.stream()
                    .allMatch(name -> count(StackSites.CENTRAL, "Customer", name) >= 1));
        } finally {
            world.clearFault(StackSites.CENTRAL);
            replica.close();
        }

        long copies = names.stream().mapToLong(name -> count(StackSites.CENTRAL, "Customer", name)).sum();
        long applies = world.workerCount(StackSites.CENTRAL, "select count(*) from sync_log where status = 'APPLIED' "
                + "and doctype = 'Customer' and local_name like '" + prefix + "%'");
        FIGURES.add("%-44s %8d %-30s %5s %10d %12s %7s".formatted("site slower than the lease, 2 replicas",
                names.size(), "central +12 s per request", "-", copies - names.size(), "-", "-"));
        assertThat(copies).as("one copy of each customer on central").isEqualTo(names.size());
        assertThat(applies).as("each written once").isEqualTo(names.size());
    }

    /** The site says how long to wait (429, Retry-After: 5): its writes pause that long, and nothing is lost. */
    @Test
    void aSiteAskingToWaitIsWaitedForAsItSaidAndLosesNothing() throws Exception {
        String prefix = "RATE-" + unique() + "-";
        List<ObjectNode> items = items(prefix, 20);
        AtomicInteger changes = new AtomicInteger();
        int seconds = 20;
        world.resetRequests(StackSites.SOUTH);
        world.fault(StackSites.SOUTH, "{\"error_rate\": 1.0, \"error_status\": 429, \"retry_after_seconds\": 5, "
                + "\"duration_seconds\": " + seconds + "}");
        changeAll(items, doc -> world.site(StackSites.CENTRAL).insert("Item", doc), changes);
        await().atMost(PATIENCE).until(() -> !world.faultInForce(StackSites.SOUTH));
        JsonNode seen = world.requests(StackSites.SOUTH).path("by_kind");
        long writes = seen.path("insert").asLong() + seen.path("update").asLong();

        ConsistencyReport report = awaitConsistent(prefix);
        record("site answering 429, Retry-After 5", changes.get(), "south 429 " + seconds + " s, " + writes
                + " writes tried", report, prefix);
        // the first writes in flight meet the 429, then one probe each time the site said: at most 16 + 20 / 5 (+1)
        assertThat(writes).as("writes the site saw while it asked to wait").isLessThanOrEqualTo(
                APPLIES_IN_FLIGHT + seconds / 5 + 1);
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
            long logBefore = workerCount(StackSites.SOUTH, "select coalesce(max(id), 0) from sync_log");
            Instant window = Instant.now().plusSeconds(25);
            holdUntil(window, () -> assertCircuit(StackSites.SOUTH, "site", "OPEN"));
            JsonNode seen = world.requests(StackSites.SOUTH).path("by_kind");
            writes = seen.path("insert").asLong() + seen.path("update").asLong();
            probes = workerCount(StackSites.SOUTH, "select count(*) from sync_log where status = 'RETRY' and id > "
                    + logBefore);
        } finally {
            world.restoreSyncSecret(StackSites.SOUTH);
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("consumer's sync user refused (401)", changes.get(), "south 401, restart, " + probes
                + " probes in 25 s", report, prefix);
        // one probe per 10 s (the stack's interval): two or three in 25 s, each a single document's apply
        assertThat(probes).as("probes in 25 s").isBetween(1L, 3L);
        assertThat(writes).as("writes that reached the site meanwhile").isLessThanOrEqualTo(probes);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    /** The site commits a write and loses its answer: the retry recognises our own write, no conflict, no copy. */
    @Test
    void aWriteThatCommitsAndLosesItsAnswerIsAppliedOnceWithoutAConflict() throws Exception {
        String code = "LOST-" + unique();
        world.fault(StackSites.NORTH, "{\"writes\": [{\"doctype\": \"Item\", \"times\": 2, \"answer\": \"dropped\"}]}");
        try {
            world.site(StackSites.CENTRAL).insert("Item", item(code, "Version 1")).await().atMost(RunningStack.CALL);
            await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item", Filter.eq("item_code", code)) == 1);
            world.site(StackSites.CENTRAL).update("Item", code, object().put("item_name", "Version 2")).await()
                    .atMost(RunningStack.CALL);
            await().atMost(PATIENCE).until(() -> world.site(StackSites.NORTH).get("Item", code).await()
                    .atMost(RunningStack.CALL).path("item_name").asText().equals("Version 2"));
        } finally {
            world.clearFault(StackSites.NORTH);
        }

        ConsistencyReport report = awaitConsistent(code);
        long conflicts = workerCount(StackSites.NORTH, "select count(*) from conflict where local_name = '" + code + "'");
        record("write committed, answer lost (x2)", 2, "north drops 2 answers", report, code);
        assertThat(world.count(StackSites.NORTH, "Item", Filter.eq("item_name", "Version 2"), Filter.like("item_code",
                code + "%"))).as("one copy").isEqualTo(1);
        assertThat(conflicts).as("no conflict with our own write").isZero();
        assertNothingLeftForOperators(code);
    }

    @Test
    void aGatewayRestartedWhileWebhooksArriveLosesNothingItAcknowledged() throws Exception {
        String prefix = "GW-" + unique() + "-";
        ManagedService gateway = world.stack.service(Stack.GATEWAY);
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger made = new AtomicInteger();
        FrappeClient central = world.site(StackSites.CENTRAL);

        // a site keeps sending (its own webhooks go to the gateway too); the test signs one more hook per change
        Thread sender = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                String code = prefix + String.format("%04d", i++);
                try {
                    ObjectNode created = central.insert("Item", item(code, "Through the gateway")).await()
                            .atMost(RunningStack.CALL);
                    made.incrementAndGet();
                    byte[] body = object().put("doctype", "Item").put("name", code)
                            .put("modified", created.path("modified").asText()).toString()
                            .getBytes(StandardCharsets.UTF_8);
                    if (post(body).startsWith("202")) {
                        accepted.add(code);
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            }
        }, "webhook-sender");
        sender.start();
        await().atMost(PATIENCE).until(() -> accepted.size() >= 40);
        gateway.stop();
        int madeDuringOutage = made.get();
        gateway.start();
        gateway.awaitReady(Duration.ofMinutes(3));
        await().atMost(PATIENCE).until(() -> accepted.size() >= 80);
        running.set(false);
        sender.join();

        ConsistencyReport report = awaitConsistent(prefix);
        long acknowledgedButMissing = accepted.stream().filter(code -> workerCount(StackSites.CENTRAL,
                "select count(*) from inbound_event where name = '" + code + "'") == 0).count();
        record("gateway restarted", made.get(), "1 restart, " + refused.get() + " refused", report, prefix);
        assertThat(made.get()).isGreaterThan(madeDuringOutage);
        assertThat(acknowledgedButMissing).as("webhooks the gateway acknowledged reached the worker").isZero();
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(made.get()));
    }

    /**
     * On a consumer whose external-ID field lost its protection, someone duplicates a synced Item (the copy carries the
     * original's ID) and types garbage into another's: each is one dead letter with its reason, however often capture
     * reads them again, and every other change keeps flowing.
     */
    @Test
    void aDuplicatedCopyAndATypedExternalIdAreOneDeadLetterEachWhileEverythingElseFlows() throws Exception {
        String tag = unique();
        String prefix = "IDX-" + tag + "-";
        String original = "IDV-" + tag + "-1";
        String typedOver = "IDV-" + tag + "-2";
        String copy = "IDC-" + tag;
        FrappeClient central = world.site(StackSites.CENTRAL);
        FrappeClient north = world.site(StackSites.NORTH);
        for (String code : List.of(original, typedOver)) {
            central.insert("Item", item(code, "Synced")).await().atMost(RunningStack.CALL);
        }
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !externalId(north, original).isEmpty()
                && !externalId(north, typedOver).isEmpty());
        String originalId = externalId(north, original);
        String typedOverId = externalId(north, typedOver);
        List<ObjectNode> items = items(prefix, SCALE.changes() / 4);
        AtomicInteger changes = new AtomicInteger();

        protectExternalIds(north, 0);
        try {
            north.insert("Item", item(copy, "A copy made on north").put(EXTERNAL_ID, originalId)).await()
                    .atMost(RunningStack.CALL);
            north.update("Item", typedOver, object().put(EXTERNAL_ID, "typed by hand")).await()
                    .atMost(RunningStack.CALL);
            changeAll(items, doc -> central.insert("Item", doc), changes);
            changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                    object().put("item_name", "Version 2 of " + doc.path("item_code").asText())), changes);

            ConsistencyReport report = awaitConsistent(prefix);
            await().atMost(PATIENCE).until(() -> captureDeadLetters(copy, typedOver).size() == 2);
            record("external ID duplicated + typed over", changes.get(), "north: 1 copy + 1 typed = 2 DL", report, prefix);
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
            assertNothingLeftForOperators(prefix);
            assertThat(captureDeadLetters(copy, typedOver)).as("one dead letter each, with its reason")
                    .containsExactlyInAnyOrder(copy + " SHARED_EXTERNAL_ID", typedOver + " MALFORMED_EXTERNAL_ID");
        } finally {
            north.delete("Item", copy).await().atMost(RunningStack.CALL);
            north.update("Item", typedOver, object().put(EXTERNAL_ID, typedOverId)).await().atMost(RunningStack.CALL);
            protectExternalIds(north, 1);
        }
    }

    /**
     * The owner's site in Europe/Berlin, edited on both sides of the fall-back (the second edits carry an earlier naive
     * {@code modified} than the first), and one update committing seconds after later ones: every document ends with
     * its last version on the consumers, none skipped as older.
     */
    @Test
    @Order(Integer.MAX_VALUE) // last: the site's clock is set back weeks meanwhile
    void editsInsideTheFallBackHourAndALateCommitAreAllAppliedInOrder() throws Exception {
        String prefix = "DST-" + unique() + "-";
        List<ObjectNode> items = items(prefix, SCALE.changes() / 10);
        FrappeClient central = world.site(StackSites.CENTRAL);
        AtomicInteger changes = new AtomicInteger();
        String zone = world.timeZone(StackSites.CENTRAL);

        world.clock(StackSites.CENTRAL, "{\"time_zone\": \"Europe/Berlin\", \"at\": \"2026-10-25T00:40:00Z\","
                + " \"frozen\": false}");
        try {
            changeAll(items, doc -> central.insert("Item", doc), changes); // 02:40 CEST
            world.clock(StackSites.CENTRAL, "{\"at\": \"2026-10-25T01:05:00Z\"}"); // 02:05 CET, naive times repeat
            world.fault(StackSites.CENTRAL, "{\"writes\": [{\"doctype\": \"Item\", \"operation\": \"update\","
                    + " \"times\": 1, \"hold_commit_ms\": 4000}]}");
            changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                    object().put("item_name", "After the fall-back " + doc.path("item_code").asText())), changes);
        } finally {
            world.clearFault(StackSites.CENTRAL);
            world.resetClock(StackSites.CENTRAL, zone);
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("DST fall-back + late commit", changes.get(), "Berlin 02:40 CEST, 02:05 CET", report, prefix);
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            assertThat(world.count(consumer, "Item", Filter.like("item_code", prefix + "%"),
                    Filter.like("item_name", "After the fall-back%"))).as("last versions on " + consumer)
                    .isEqualTo(items.size());
        }
        assertNothingLeftForOperators(prefix);
    }

    /** No dead letter on a consumer and no parked delivery on the owner is about these documents. */
    private static void assertNothingLeftForOperators(String prefix) {
        assertThat(deadLetters(prefix)).as("dead letters on the consumers").isZero();
        assertThat(parked(prefix)).as("parked deliveries on the owner").isZero();
    }

    private static long deadLetters(String prefix) {
        long dead = 0;
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            dead += workerCount(consumer, "select count(*) from dead_letter d join inbox i on i.external_id = d.external_id"
                    + " where i.envelope ->> 'sourceName' like '" + prefix + "%'");
        }
        return dead;
    }

    private static long parked(String prefix) {
        return workerCount(StackSites.CENTRAL, "select count(*) from outbox where status = 'PARKED' and "
                + "envelope ->> 'sourceName' like '" + prefix + "%'");
    }

    private static void record(String scenario, int changes, String fault, ConsistencyReport report, String prefix) {
        String line = "%-44s %8d %-30s %5d %10d %12d %7d".formatted(scenario, changes, fault, report.missing(),
                report.duplicated(), deadLetters(prefix), parked(prefix));
        System.out.print(report.render());
        System.out.println("Fault figures: " + line);
        FIGURES.add(line);
    }

    /** Keeps a fault for its whole length, checking meanwhile that it holds as the scenario needs it to. */
    private static void holdUntil(Instant end, Runnable stillHolds) {
        await().atMost(Duration.between(Instant.now(), end).plus(PATIENCE)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    stillHolds.run();
                    return !Instant.now().isBefore(end);
                });
    }

    private static void awaitCircuit(String site, String target, String state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertCircuit(site, target,
                state));
    }

    private static void assertCircuit(String site, String target, String state) {
        JsonNode circuits = world.status(site).path("circuits");
        String found = "CLOSED";
        for (JsonNode circuit : circuits) {
            if (target.equals(circuit.path("target").asText())) {
                found = circuit.path("state").asText();
            }
        }
        // a circuit probing (HALF_OPEN) is still not taking calls
        assertThat("HALF_OPEN".equals(found) ? "OPEN" : found).as("circuit %s of %s", target, site).isEqualTo(state);
    }

    private static String externalId(FrappeClient site, String name) {
        return site.get("Item", name).await().atMost(RunningStack.CALL).path(EXTERNAL_ID).asText("");
    }

    /** Sets the external-ID field of Item read-only, unique and not copied ({@code 1}), or none of them ({@code 0}). */
    private static void protectExternalIds(FrappeClient site, int on) {
        String field = site.list(ListQuery.of("Custom Field").fields("name")
                .where(Filter.eq("dt", "Item"), Filter.eq("fieldname", EXTERNAL_ID))).await().atMost(RunningStack.CALL)
                .get(0).path("name").asText();
        site.update("Custom Field", field, object().put("read_only", on).put("unique", on).put("no_copy", on)).await()
                .atMost(RunningStack.CALL);
    }

    /** The dead letters north's capture opened for these documents, as "name REASON". */
    private static List<String> captureDeadLetters(String... names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            for (String reason : List.of("SHARED_EXTERNAL_ID", "MALFORMED_EXTERNAL_ID")) {
                long count = workerCount(StackSites.NORTH, "select count(*) from dead_letter where task_id is null"
                        + " and doctype = 'Item' and local_name = '" + name + "' and reason = '" + reason + "'");
                for (long i = 0; i < count; i++) {
                    found.add(name + " " + reason);
                }
            }
        }
        return found;
    }

    private static List<ObjectNode> items(String prefix, int count) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(prefix + String.format("%04d", i), "Version 1 of " + i));
        }
        return items;
    }

    private static long count(String site, String doctype, String customerName) {
        return world.count(site, doctype, Filter.eq("customer_name", customerName));
    }

    private static long workerCount(String site, String sql) {
        try {
            return world.workerCount(site, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String post(byte[] body) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(world.stack.gatewayUrl() + "/hooks/central"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(StackSites.webhookSecret("central"), body))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static void changeAll(List<ObjectNode> documents, Function<ObjectNode, Uni<ObjectNode>> change,
            AtomicInteger changes) {
        Multi.createFrom().iterable(documents).onItem().transformToUni(doc -> change.apply(doc)
                .invoke(changes::incrementAndGet)).merge(8).collect().asList().await().atMost(PATIENCE);
    }

    private static ConsistencyReport awaitConsistent(String prefix) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
