package dev.sitesync.bench.frappe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.Latencies;
import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.frappe.client.KeysetCursor;
import dev.sitesync.frappe.client.KeysetPage;
import dev.sitesync.frappe.client.ListQuery;

/**
 * The "ERPNext ceiling" on this machine: how many Items per second one frappe-sim site takes in (inserts through
 * frappe-client with N requests in flight) and gives out (keyset pages and offset pages). frappe-sim runs as a child
 * JVM on its own embedded PostgreSQL, as the local stack runs it.
 *
 * <pre>bench/run frappe [--items 3000] [--concurrency 8] [--page 500]</pre>
 */
public final class FrappeSimBench {

    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final String SITE = "bench";

    private FrappeSimBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "items", "concurrency", "page", "warmup");
        int items = options.number("items", 3000);
        int concurrency = options.number("concurrency", 8);
        int page = options.number("page", 500);
        int warmup = options.number("warmup", 200);
        Path credentials = Files.createTempDirectory("frappe-sim-bench").resolve("credentials.json");
        try (BenchServices services = new BenchServices()) {
            String url = services.start("frappe-sim", "frappe_sim", Map.of("FRAPPE_SIM_SITES", SITE,
                    "FRAPPE_SIM_CREDENTIALS_FILE", credentials.toString()));
            JsonNode admin = new ObjectMapper().readTree(credentials.toFile()).path("sites").path(SITE).path("admin");
            FrappeSite site = FrappeSite.of(url, new ApiCredentials(admin.path("apiKey").asText(),
                    admin.path("apiSecret").asText())).withSiteName(SITE).withMaxPoolSize(concurrency);
            Vertx vertx = Vertx.vertx();
            try (FrappeClient client = FrappeClient.create(vertx, site)) {
                insert(client, "WARM", warmup, concurrency, new Latencies());
                Latencies latencies = new Latencies();
                double insertRate = insert(client, "BENCH", items, concurrency, latencies);
                double keysetRate = readKeyset(client, page, items);
                double offsetRate = readOffsets(client, page, items);
                System.out.printf("frappe-sim Item throughput on one site (%d items, %d in flight, page %d):%n",
                        items, concurrency, page);
                System.out.printf("  insert        %8.0f docs/s  (p50 %.1f ms, p99 %.1f ms per insert)%n", insertRate,
                        latencies.percentileMillis(50), latencies.percentileMillis(99));
                System.out.printf("  list, keyset  %8.0f docs/s%n", keysetRate);
                System.out.printf("  list, offset  %8.0f docs/s%n", offsetRate);
            } finally {
                vertx.closeAndAwait();
            }
        }
    }

    private static double insert(FrappeClient client, String prefix, int count, int concurrency, Latencies latencies) {
        long started = System.nanoTime();
        Multi.createFrom().range(0, count).onItem().transformToUni(i -> {
            long sent = System.nanoTime();
            return client.insert("Item", item(String.format("%s-%06d", prefix, i)))
                    .invoke(saved -> latencies.record(System.nanoTime() - sent));
        }).merge(concurrency).collect().last().await().atMost(WAIT);
        return count / seconds(started);
    }

    private static ObjectNode item(String code) {
        return JsonNodeFactory.instance.objectNode().put("item_code", code).put("item_name", "Bench " + code)
                .put("item_group", "Products").put("stock_uom", "Nos").put("is_stock_item", 1)
                .put("description", "A benchmark item").put("standard_rate", 12.5);
    }

    /** Reads every benchmark item through the keyset cursor a sync worker uses; checks none is missing. */
    private static double readKeyset(FrappeClient client, int page, int expected) {
        ListQuery query = ListQuery.of("Item").fields("name", "item_name", "item_group", "stock_uom", "modified")
                .where(Filter.like("item_code", "BENCH-%"));
        long started = System.nanoTime();
        int read = 0;
        KeysetCursor cursor = null;
        KeysetPage current;
        do {
            current = client.listAfter(query, cursor, page).await().atMost(WAIT);
            read += current.rows().size();
            cursor = current.next();
        } while (!current.complete());
        check(read, expected);
        return read / seconds(started);
    }

    private static double readOffsets(FrappeClient client, int page, int expected) {
        ListQuery query = ListQuery.of("Item").fields("name", "item_name", "item_group", "stock_uom", "modified")
                .where(Filter.like("item_code", "BENCH-%")).orderBy("creation asc, name asc");
        long started = System.nanoTime();
        List<ObjectNode> rows = new ArrayList<>();
        List<ObjectNode> current;
        do {
            current = client.list(query.limit(rows.size(), page)).await().atMost(WAIT);
            rows.addAll(current);
        } while (current.size() == page);
        check(rows.size(), expected);
        return rows.size() / seconds(started);
    }

    private static void check(int read, int expected) {
        if (read != expected) {
            throw new IllegalStateException("Read " + read + " items, expected " + expected);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

}
