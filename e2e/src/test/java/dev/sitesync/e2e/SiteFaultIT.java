package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.ManagedService;
import dev.sitesync.localstack.StackSites;

/**
 * Sites misbehaving while changes flow, each ending without an operator: a site slowed past the apply lease under two
 * replicas, a site asking to wait (429), a write that commits and loses its answer, external IDs duplicated or typed
 * over on a consumer, and edits inside a DST fall-back hour with a late commit. On the shared stack, after the other
 * classes ({@code FaultIT} runs beside them on a stack of its own): each scenario takes its fault back, but a site's
 * clock is set back weeks meanwhile.
 */
@Order(100)
class SiteFaultIT extends FaultScenarios {

    /** How many applies a worker runs at once (its default, which the stack keeps): the writes that meet a 429. */
    private static final int APPLIES_IN_FLIGHT = 16;

    /**
     * Customers are named by the site (the same customer name twice makes two documents), so a document applied twice
     * would show as two copies: the site's Customer inserts take longer than the apply lease (each holds its
     * transaction 12 s before it commits and answers) while two replicas of its worker share work. Only those writes
     * are slowed, so the test's own reads of the site answer at once.
     */
    @Test
    void twoReplicasOfAWorkerWhoseSiteIsSlowerThanTheLeaseApplyEachCustomerOnce() throws Exception {
        String prefix = "Slow " + unique() + " ";
        List<String> names = List.of(prefix + "1", prefix + "2", prefix + "3", prefix + "4");
        ManagedService replica = world.stack.startReplica(StackSites.CENTRAL);
        world.fault(StackSites.CENTRAL, "{\"writes\": [{\"doctype\": \"Customer\", \"operation\": \"insert\","
                + " \"hold_commit_ms\": 12000}]}");
        try {
            for (String name : names) {
                world.site(StackSites.NORTH).insert("Customer", object().put("customer_name", name)
                        .put("customer_type", "Company").put("customer_group", "All Customer Groups")
                        .put("territory", "North")).await().atMost(RunningStack.CALL);
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> names.stream()
                    .allMatch(name -> count(StackSites.CENTRAL, "Customer", name) >= 1));
        } finally {
            world.clearFault(StackSites.CENTRAL);
            replica.close();
        }

        long copies = names.stream().mapToLong(name -> count(StackSites.CENTRAL, "Customer", name)).sum();
        long applies = world.workerCount(StackSites.CENTRAL, "select count(*) from sync_log where status = 'APPLIED' "
                + "and doctype = 'Customer' and local_name like '" + prefix + "%'");
        figure("%-44s %8d %-30s %5s %10d %12s %7s".formatted("site slower than the lease, 2 replicas",
                names.size(), "central +12 s per insert", "-", copies - names.size(), "-", "-"));
        assertThat(copies).as("one copy of each customer on central").isEqualTo(names.size());
        assertThat(applies).as("each written once").isEqualTo(names.size());
    }

    @Test
    void aSiteAskingToWaitIsWaitedForAsItSaidAndLosesNothing() throws Exception {
        String prefix = "RATE-" + unique() + "-";
        List<ObjectNode> items = items(prefix, 20);
        AtomicInteger changes = new AtomicInteger();
        int seconds = 10;
        world.resetRequests(StackSites.SOUTH);
        world.fault(StackSites.SOUTH, "{\"error_rate\": 1.0, \"error_status\": 429, \"retry_after_seconds\": 5}");
        long writes;
        try {
            changeAll(items, doc -> world.site(StackSites.CENTRAL).insert("Item", doc), changes);
            // the site asks to wait for 10 s from the first write that meets it, however long delivery took
            await().atMost(PATIENCE).until(() -> writesSeen(StackSites.SOUTH) > 0);
            Instant waitEnds = Instant.now().plusSeconds(seconds);
            holdUntil(waitEnds, () -> assertThat(world.faultInForce(StackSites.SOUTH)).isTrue());
            writes = writesSeen(StackSites.SOUTH);
        } finally {
            world.clearFault(StackSites.SOUTH);
        }

        ConsistencyReport report = awaitConsistent(prefix);
        record("site answering 429, Retry-After 5", changes.get(), "south 429 " + seconds + " s, " + writes
                + " writes tried", report, prefix);
        // the first writes in flight meet the 429, then one probe each time the site said: at most 16 + 10 / 5 (+1)
        assertThat(writes).as("writes the site saw while it asked to wait").isBetween(1L,
                (long) APPLIES_IN_FLIGHT + seconds / 5 + 1);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(items.size()));
        assertNothingLeftForOperators(prefix);
    }

    /** Inserts and updates the site was asked for since its counters were reset, answered or refused. */
    private long writesSeen(String site) {
        JsonNode seen = world.requests(site).path("by_kind");
        return seen.path("insert").asLong() + seen.path("update").asLong();
    }

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
}
