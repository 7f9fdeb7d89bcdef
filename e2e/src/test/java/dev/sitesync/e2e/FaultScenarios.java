package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
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
import dev.sitesync.localstack.StackSites;

/**
 * What the fault scenarios share: the consistency checker's report as the evidence at the end of each (nothing lost,
 * nothing duplicated, versions applied in order; and no dead letter or parked delivery left for anyone), and a table of
 * figures each class prints at the end. Sizes follow {@link FaultScale}. The scenarios run on the shared stack unless a
 * class starts one of its own in {@link #stack()}.
 */
@ExtendWith(SharedStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultScenarios {

    static final Duration PATIENCE = Duration.ofMinutes(10);
    static final FaultScale SCALE = FaultScale.current();
    static final String EXTERNAL_ID = "sitesync_external_id";

    private final List<String> figures = new ArrayList<>();
    RunningStack world;

    @BeforeAll
    void stack() {
        world = SharedStack.get();
    }

    @AfterAll
    void printFigures() {
        System.out.printf("%n%s figures (%s scale)%n%-44s %8s %-30s %5s %10s %12s %7s%n", getClass().getSimpleName(),
                SCALE.name(), "scenario", "changes", "fault", "lost", "duplicated", "dead letters", "parked");
        figures.forEach(System.out::println);
    }

    /** No dead letter on a consumer and no parked delivery on the owner is about these documents. */
    void assertNothingLeftForOperators(String prefix) {
        assertThat(deadLetters(prefix)).as("dead letters on the consumers").isZero();
        assertThat(parked(prefix)).as("parked deliveries on the owner").isZero();
    }

    long deadLetters(String prefix) {
        long dead = 0;
        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            dead += workerCount(consumer, "select count(*) from dead_letter d join inbox i on i.external_id = d.external_id"
                    + " where i.envelope ->> 'sourceName' like '" + prefix + "%'");
        }
        return dead;
    }

    long parked(String prefix) {
        return workerCount(StackSites.CENTRAL, "select count(*) from outbox where status = 'PARKED' and "
                + "envelope ->> 'sourceName' like '" + prefix + "%'");
    }

    void record(String scenario, int changes, String fault, ConsistencyReport report, String prefix) {
        String line = "%-44s %8d %-30s %5d %10d %12d %7d".formatted(scenario, changes, fault, report.missing(),
                report.duplicated(), deadLetters(prefix), parked(prefix));
        System.out.print(report.render());
        System.out.println("Fault figures: " + line);
        figures.add(line);
    }

    /** Keeps a fault for its whole length, checking meanwhile that it holds as the scenario needs it to. */
    void holdUntil(Instant end, Runnable stillHolds) {
        await().atMost(Duration.between(Instant.now(), end).plus(PATIENCE)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    stillHolds.run();
                    return !Instant.now().isBefore(end);
                });
    }

    void awaitCircuit(String site, String target, String state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertCircuit(site, target,
                state));
    }

    void assertCircuit(String site, String target, String state) {
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

    String externalId(FrappeClient site, String name) {
        return site.get("Item", name).await().atMost(RunningStack.CALL).path(EXTERNAL_ID).asText("");
    }

    /** Sets the external-ID field of Item read-only, unique and not copied ({@code 1}), or none of them ({@code 0}). */
    void protectExternalIds(FrappeClient site, int on) {
        String field = site.list(ListQuery.of("Custom Field").fields("name")
                .where(Filter.eq("dt", "Item"), Filter.eq("fieldname", EXTERNAL_ID))).await().atMost(RunningStack.CALL)
                .get(0).path("name").asText();
        site.update("Custom Field", field, object().put("read_only", on).put("unique", on).put("no_copy", on)).await()
                .atMost(RunningStack.CALL);
    }

    /** The dead letters north's capture opened for these documents, as "name REASON". */
    List<String> captureDeadLetters(String... names) {
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

    List<ObjectNode> items(String prefix, int count) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(prefix + String.format("%04d", i), "Version 1 of " + i));
        }
        return items;
    }

    long count(String site, String doctype, String customerName) {
        return world.count(site, doctype, Filter.eq("customer_name", customerName));
    }

    long workerCount(String site, String sql) {
        try {
            return world.workerCount(site, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void changeAll(List<ObjectNode> documents, Function<ObjectNode, Uni<ObjectNode>> change,
            AtomicInteger changes) {
        Multi.createFrom().iterable(documents).onItem().transformToUni(doc -> change.apply(doc)
                .invoke(changes::incrementAndGet)).merge(8).collect().asList().await().atMost(PATIENCE);
    }

    ConsistencyReport awaitConsistent(String prefix) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
    }

    String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** A row of the figures table for a scenario the consistency checker does not judge. */
    void figure(String line) {
        figures.add(line);
    }
}
