package dev.sitesync.bench.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.Latencies;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.stack.process.Readiness;

/**
 * End to end, one owner (central) and two consumers (north, south), every part a real process:
 * <ol>
 * <li>frappe-sim's own Item insert rate on the owner, before any worker runs (the ceiling);</li>
 * <li>throughput: N items inserted on the owner as fast as it takes them; documents per second from the first insert
 * to the last item applied on both consumers (and the owner's insert rate meanwhile);</li>
 * <li>latency on the webhook path: items inserted at a steady rate; per item and consumer, the time from its
 * {@code creation} on the owner to its APPLIED entry in the consumer's sync log (both from this machine's clock).</li>
 * </ol>
 * The owner's worker polls only every {@code --poll} seconds, so changes travel by webhook through the gateway.
 *
 * <pre>bench/run sync [--items 5000] [--concurrency 8] [--probe 1000] [--paced 300] [--rate 10] [--poll 30]
 *                [--apply-rate 500]</pre>
 */
public final class SyncBench {

    private static final Duration WAIT = Duration.ofMinutes(20);

    private final SyncStack stack;

    private SyncBench(SyncStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "items", "concurrency", "probe", "paced", "rate", "poll",
                "apply-rate", "warmup");
        int items = options.number("items", 5000);
        int concurrency = options.number("concurrency", 8);
        int probe = options.number("probe", 1000);
        int paced = options.number("paced", 300);
        int rate = options.number("rate", 10);
        int poll = options.number("poll", 30);
        int applyRate = options.number("apply-rate", 500);
        int warmup = options.number("warmup", 100);
        try (BenchServices services = new BenchServices()) {
            SyncStack stack = new SyncStack(services);
            try {
                System.out.println("Starting frappe-sim (central, north, south) on an embedded PostgreSQL...");
                stack.startSites();
                SyncBench bench = new SyncBench(stack);
                double ceiling = bench.insertRate("PROBE-", probe, concurrency);
                System.out.printf("frappe-sim alone: %d Items inserted on central at %.0f/s (%d in flight)%n", probe,
                        ceiling, concurrency);

                System.out.println("Starting identity-service, ownership-service, inbound-gateway and three workers...");
                stack.startSync(Duration.ofSeconds(poll), applyRate);
                System.out.printf("Warming up (%d items through the whole path)...%n", warmup);
                bench.throughput("WARM-", warmup, concurrency);

                System.out.printf("Throughput: %d items inserted on central...%n", items);
                Throughput throughput = bench.throughput("THRU-", items, concurrency);
                System.out.printf("Latency: %d items at %d/s on central...%n", paced, rate);
                Latencies latency = bench.latency("LAT-", paced, rate);

                System.out.println();
                System.out.printf("sync, 1 owner -> 2 consumers (%d cores, Java %s; owner polls every %d s, apply "
                        + "limit %d/s per site, gateway limits raised):%n", Runtime.getRuntime().availableProcessors(),
                        Runtime.version(), poll, applyRate);
                System.out.printf("  frappe-sim insert rate, alone          %8.0f items/s  (%d items, %d in flight)%n",
                        ceiling, probe, concurrency);
                System.out.printf("  frappe-sim insert rate, while syncing  %8.0f items/s  (%d items, %d in flight)%n",
                        throughput.insertRate(), items, concurrency);
                for (String consumer : SyncStack.CONSUMERS) {
                    System.out.printf("  owner insert -> applied on %-6s      %8.0f docs/s   (%d applied, %d writes)%n",
                            consumer, items / throughput.seconds().get(consumer), throughput.applied().get(consumer),
                            throughput.writes().get(consumer));
                }
                System.out.printf("  owner insert -> applied on both        %8.0f docs/s   (%.1f s for %d items)%n",
                        items / throughput.slowest(), throughput.slowest(), items);
                System.out.printf("  change -> applied, webhook path        p50 %7.0f ms   p99 %7.0f ms   max %7.0f ms"
                        + "   (%d samples, %d items x 2 consumers at %d/s)%n", latency.percentileMillis(50),
                        latency.percentileMillis(99), latency.percentileMillis(100), latency.count(), paced, rate);
            } finally {
                stack.close();
            }
        }
    }

    /** Items per second frappe-sim takes on the owner with {@code concurrency} inserts in flight. */
    private double insertRate(String prefix, int count, int concurrency) {
        FrappeClient central = stack.admin(SyncStack.OWNER, concurrency);
        long started = System.nanoTime();
        Multi.createFrom().range(0, count)
                .onItem().transformToUni(i -> central.insert("Item", item(prefix, i)))
                .merge(concurrency).collect().last().await().atMost(WAIT);
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** What one throughput run measured: seconds from the first insert to the last apply, per consumer. */
    record Throughput(double insertRate, Map<String, Double> seconds, Map<String, Long> applied,
            Map<String, Long> writes) {

        double slowest() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private Throughput throughput(String prefix, int count, int concurrency) throws SQLException {
        Instant started = Instant.now();
        double insertRate = insertRate(prefix, count, concurrency);
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Long> applied = new HashMap<>();
        Map<String, Long> writes = new HashMap<>();
        for (String consumer : SyncStack.CONSUMERS) {
            awaitItems(consumer, prefix, count);
            try (Connection connection = stack.workerDatabase(consumer);
                    PreparedStatement query = connection.prepareStatement(
                            "select count(distinct local_name), count(*), max(at) from sync_log where status = 'APPLIED' "
                                    + "and doctype = 'Item' and local_name like ?")) {
                query.setString(1, prefix + "%");
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    applied.put(consumer, rows.getLong(1));
                    writes.put(consumer, rows.getLong(2));
                    Instant last = rows.getTimestamp(3).toInstant();
                    seconds.put(consumer, Duration.between(started, last).toNanos() / 1e9);
                }
            }
        }
        return new Throughput(insertRate, seconds, applied, writes);
    }

    /** Inserts at a steady pace (not waiting for one insert before the next), then reads when each was applied. */
    private Latencies latency(String prefix, int count, int perSecond) throws SQLException {
        FrappeClient central = stack.admin(SyncStack.OWNER, 16);
        Map<String, Instant> created = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        List<Uni<ObjectNode>> inserts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            long due = started + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Readiness.pause(Duration.ofNanos(wait));
            }
            Uni<ObjectNode> insert = central.insert("Item", item(prefix, i)).memoize().indefinitely();
            insert.subscribe().with(doc -> created.put(doc.path("name").asText(),
                    FrappeDateTimes.toInstant(doc.path("creation").asText(), ZoneOffset.UTC)), failure -> {
                    });
            inserts.add(insert);
        }
        Uni.join().all(inserts).andFailFast().await().atMost(WAIT);
        Latencies latencies = new Latencies();
        for (String consumer : SyncStack.CONSUMERS) {
            awaitItems(consumer, prefix, count);
            try (Connection connection = stack.workerDatabase(consumer);
                    PreparedStatement query = connection.prepareStatement(
                            "select local_name, min(at) from sync_log where status = 'APPLIED' and doctype = 'Item' "
                                    + "and local_name like ? group by local_name")) {
                query.setString(1, prefix + "%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant insertedAt = created.get(rows.getString(1));
                        latencies.record(Duration.between(insertedAt, rows.getTimestamp(2).toInstant()).toNanos());
                    }
                }
            }
        }
        return latencies;
    }

    private void awaitItems(String consumer, String prefix, int count) {
        FrappeClient client = stack.admin(consumer, 2);
        Instant deadline = Instant.now().plus(WAIT);
        while (client.count("Item", List.of(Filter.like("item_code", prefix + "%"))).await().atMost(WAIT) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(consumer + " did not get all " + count + " " + prefix + " items");
            }
            Readiness.pause(Duration.ofMillis(500));
        }
    }

    private static ObjectNode item(String prefix, int i) {
        String code = String.format("%s%06d", prefix, i);
        return JsonNodeFactory.instance.objectNode().put("item_code", code).put("item_name", "Bench " + code)
                .put("item_group", "All Item Groups").put("stock_uom", "Nos").put("is_stock_item", 1)
                .put("description", "A benchmark item").put("valuation_rate", 4.2);
    }

}
