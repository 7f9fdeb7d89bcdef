package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.localstack.ManagedService;
import dev.sitesync.localstack.StackSites;

/**
 * Faults while changes flow: a consumer's worker SIGKILLed in the middle of 2,000 changes, and the gateway restarted
 * while webhooks arrive. The consistency checker's report is the evidence: nothing lost, nothing duplicated, versions
 * applied in order.
 */
@ExtendWith(SharedStack.class)
@Order(100)
class FaultIT {

    private static final Duration PATIENCE = Duration.ofMinutes(6);
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aWorkerKilledInTheMiddleOfTwoThousandChangesLosesNothingAndDuplicatesNothing() {
        String prefix = "KILL-" + unique() + "-";
        ManagedService north = world.stack.worker(StackSites.NORTH);
        AtomicInteger changes = new AtomicInteger();
        int kills = 0;

        // 1,000 inserts, then 1,000 updates of the same items; the worker dies after a quarter and is started again at
        // once, as Kubernetes would, while the inserts go on
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(prefix + String.format("%04d", i), "Version 1 of " + i));
        }
        FrappeClient central = world.site(StackSites.CENTRAL);
        changeAll(items.subList(0, 500), doc -> central.insert("Item", doc), changes);
        north.kill();
        kills++;
        north.start();
        changeAll(items.subList(500, 1000), doc -> central.insert("Item", doc), changes);
        north.awaitReady(Duration.ofMinutes(3));
        changeAll(items, doc -> central.update("Item", doc.path("item_code").asText(),
                object().put("item_name", "Version 2 of " + doc.path("item_code").asText())), changes);

        ConsistencyReport report = awaitConsistent(prefix);
        System.out.print(report.render());
        System.out.printf("Fault figures (worker kill): changes made %d, worker kills %d, lost %d, duplicated %d, "
                + "differing %d, out of order %d, reapplied %d%n", changes.get(), kills, report.missing(),
                report.duplicated(), report.differing(), report.outOfOrder(), report.reapplied());
        assertThat(changes.get()).isEqualTo(2000);
        assertThat(report.findings()).hasSize(2).allSatisfy(f -> assertThat(f.present()).isEqualTo(1000));
    }

    @Test
    void aGatewayRestartedWhileWebhooksArriveLosesNothingItAcknowledged() throws Exception {
        String prefix = "GW-" + unique() + "-";
        ManagedService gateway = world.stack.service("inbound-gateway");
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
                    String outcome = post(body);
                    if (outcome.startsWith("202")) {
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
        await().atMost(PATIENCE).until(() -> accepted.size() >= 50);
        gateway.stop();
        int outages = 1;
        int madeDuringOutage = made.get();
        gateway.start();
        gateway.awaitReady(Duration.ofMinutes(3));
        await().atMost(PATIENCE).until(() -> accepted.size() >= 150);
        running.set(false);
        sender.join();

        ConsistencyReport report = awaitConsistent(prefix);
        System.out.print(report.render());
        long acknowledgedButMissing = accepted.stream().filter(code -> {
            try {
                return world.workerCount(StackSites.CENTRAL, "select count(*) from inbound_event where name = '" + code
                        + "'") == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        System.out.printf("Fault figures (gateway restart): changes made %d, gateway outages %d, webhooks accepted %d, "
                + "refused while down %d, accepted but not at the worker %d, lost %d, duplicated %d%n", made.get(),
                outages, accepted.size(), refused.get(), acknowledgedButMissing, report.missing(), report.duplicated());
        assertThat(madeDuringOutage).isPositive();
        assertThat(acknowledgedButMissing).as("webhooks the gateway acknowledged reached the worker").isZero();
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.present()).isEqualTo(made.get()));
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

    private static void changeAll(List<ObjectNode> documents,
            java.util.function.Function<ObjectNode, io.smallrye.mutiny.Uni<ObjectNode>> change, AtomicInteger changes) {
        Multi.createFrom().iterable(documents).onItem().transformToUni(doc -> change.apply(doc)
                .invoke(changes::incrementAndGet)).merge(8).collect().asList().await().atMost(Duration.ofMinutes(10));
    }

    private static ConsistencyReport awaitConsistent(String prefix) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> world.check("Item", prefix), ConsistencyReport::clean);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
