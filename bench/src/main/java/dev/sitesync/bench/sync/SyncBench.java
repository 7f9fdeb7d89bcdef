package dev.sitesync.bench.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.CpuTime;
import dev.sitesync.bench.support.Latencies;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Readiness;

/**
 * End to end, one owner (central) and two consumers (north, south), every part a real process, on the same work in the
 * same run:
 * <ol>
 * <li>the <em>direct copy</em>: a plain client inserts each Item on the owner and then on both consumers, with the same
 * concurrency; what the sites themselves allow for this work, with no SiteSync in the way (the ceiling);</li>
 * <li>SiteSync: N items inserted on the owner as fast as it takes them; documents per second from the first insert to
 * the last item applied on both consumers, and the ratio to the direct copy; meanwhile the CPU time of SiteSync's
 * processes and of frappe-sim per synced document, the requests the sites answered and the calls identity-service and
 * ownership-service answered, per synced document;</li>
 * <li>latency on the webhook path: items inserted at a steady rate; per item and consumer, the time from its
 * {@code creation} on the owner to its APPLIED entry in the consumer's sync log (both from this machine's clock);</li>
 * <li>the same throughput with a second replica of each consumer's worker.</li>
 * </ol>
 * The owner's worker polls only every {@code --poll} seconds, so changes travel by webhook through the gateway. Every
 * process is warmed up on the same work before it is measured ({@code --warmup} items copied directly, then synced):
 * a JVM that just started spends about half its CPU compiling, which would be measured as the cost of the work.
 *
 * <pre>bench/run sync [--items 2000] [--concurrency 8] [--paced 500] [--rate 50] [--poll 30] [--apply-rate 500]
 *                [--warmup 3000] [--replicas 2] [--apply-concurrency N (the worker's default)]</pre>
 */
public final class SyncBench {

    private static final Duration WAIT = Duration.ofMinutes(20);
    /** Two of the consumers' poll intervals (5 s), longer than the link publishing interval (2 s). */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final SyncStack stack;

    private SyncBench(SyncStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "items", "concurrency", "paced", "rate", "poll", "apply-rate",
                "warmup", "replicas", "apply-concurrency");
        int items = options.number("items", 2000);
        int concurrency = options.number("concurrency", 8);
        int paced = options.number("paced", 500);
        int rate = options.number("rate", 50);
        Duration poll = options.seconds("poll", 30);
        int applyRate = options.number("apply-rate", 500);
        int warmup = options.number("warmup", 3000);
        int replicas = options.number("replicas", 2);
        int applyConcurrency = options.number("apply-concurrency", 0);
        try (BenchServices services = new BenchServices()) {
            SyncStack stack = new SyncStack(services);
            try {
                System.out.println("Starting frappe-sim (central, north, south) on an embedded PostgreSQL...");
                stack.startSites();
                SyncBench bench = new SyncBench(stack);
                System.out.printf("Warming up frappe-sim (%d items copied directly)...%n", warmup);
                bench.directCopy("DIRECT-WARM-", warmup, concurrency);
                System.out.printf("Direct copy: %d Items inserted on central, then on north and south...%n", items);
                double direct = bench.directCopy("DIRECT-", items, concurrency);

                System.out.println("Starting identity-service, ownership-service, inbound-gateway and three workers...");
                stack.startSync(poll, applyRate, applyConcurrency);
                System.out.printf("Warming up (%d items through the whole path)...%n", warmup);
                bench.throughput("WARM-", warmup, concurrency);

                System.out.printf("Throughput: %d items inserted on central...%n", items);
                Usage before = bench.usage();
                Throughput throughput = bench.throughput("THRU-", items, concurrency);
                Usage used = bench.settled().since(before);
                System.out.printf("Latency: %d items at %d/s on central...%n", paced, rate);
                Latencies latency = bench.latency("LAT-", paced, rate);
                Throughput scaled = null;
                if (replicas > 1) {
                    System.out.println("Starting a second replica of north's and south's workers...");
                    stack.startReplicas(Duration.ofSeconds(5), applyRate, applyConcurrency);
                    System.out.printf("Throughput with two replicas per consumer: %d items...%n", items);
                    scaled = bench.throughput("REPL-", items, concurrency);
                }

                double synced = items / throughput.slowest();
                System.out.println();
                System.out.printf("sync, 1 owner -> 2 consumers (%d cores, Java %s; %d items, %d in flight; owner polls "
                        + "every %d s, apply limit %d/s per site, %s applies at once):%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.version(), items, concurrency,
                        poll.toSeconds(), applyRate, applyConcurrency > 0 ? applyConcurrency : "the default");
                System.out.printf("  direct copy (owner, then both consumers)   %8.1f docs/s%n", direct);
                System.out.printf("  SiteSync, applied on both consumers        %8.1f docs/s   (%.1f s)%n", synced,
                        throughput.slowest());
                System.out.printf("  ratio SiteSync / direct copy               %8.2f%n", synced / direct);
                System.out.printf("  owner's insert rate while syncing          %8.1f docs/s%n", throughput.insertRate());
                System.out.printf("  CPU per synced document, SiteSync          %8.2f ms   (%d processes)%n",
                        used.sitesyncCpu().toNanos() / 1e6 / items, used.cpuByProcess().size() - stack.sites().size());
                System.out.printf("  CPU per synced document, frappe-sim        %8.2f ms%n",
                        used.siteCpu().toNanos() / 1e6 / items);
                used.cpuByProcess().forEach((process, cpu) -> System.out.printf("    %-38s %8.2f ms%n", process,
                        cpu.toNanos() / 1e6 / items));
                System.out.printf("  CPU per synced document, PostgreSQL        %8.2f ms   (every database)%n",
                        used.postgresCpu().toNanos() / 1e6 / items);
                used.postgresCpuByDatabase().forEach((database, cpu) -> {
                    if (cpu.toMillis() >= items / 100) {
                        System.out.printf("    %-38s %8.2f ms%n", database + " (its connections)",
                                cpu.toNanos() / 1e6 / items);
                    }
                });
                System.out.printf("  CPU per synced document, whole machine     %8.2f ms   (the rest: this bench's own "
                        + "client and the system)%n", used.machineCpu().toNanos() / 1e6 / items);
                System.out.println("  PostgreSQL transactions per synced document, by database:");
                used.transactionsByDatabase().forEach((database, count) -> {
                    if (count >= items / 100) {
                        System.out.printf("    %-38s %8.2f%n", database, (double) count / items);
                    }
                });
                System.out.printf("  site requests per synced document          %8.2f   (the owner's insert excluded; "
                        + "%.2f per consumer)%n", (double) (used.siteRequests() - items) / items,
                        (double) (used.siteRequests() - items) / items / SyncStack.CONSUMERS.size());
                used.siteRequestsByKind().forEach((kind, count) -> {
                    if (count > 0) {
                        System.out.printf("    %-38s %8.2f%n", kind, (double) count / items);
                    }
                });
                System.out.printf("  identity-service calls per doc and consumer %7.2f%n",
                        (double) used.identityCalls() / items / SyncStack.CONSUMERS.size());
                System.out.printf("  ownership-service calls per synced document %7.2f%n",
                        (double) used.ownershipCalls() / items);
                for (String consumer : SyncStack.CONSUMERS) {
                    System.out.printf("  applied on %-6s                           %8.1f docs/s   (%d applied, %d writes; "
                            + "received at %.1f docs/s)%n", consumer, items / throughput.seconds().get(consumer),
                            throughput.applied().get(consumer), throughput.writes().get(consumer),
                            items / throughput.received().get(consumer));
                }
                System.out.println("  the run's last item, seconds after the first insert:");
                throughput.stages().forEach((stage, seconds) -> System.out.printf("    %-42s %6.1f s%n", stage,
                        seconds));
                System.out.printf("  change -> applied at %d/s, webhook path    p50 %6.0f ms   p99 %6.0f ms   max %6.0f ms"
                        + "   (%d samples)%n", rate, latency.percentileMillis(50), latency.percentileMillis(99),
                        latency.percentileMillis(100), latency.count());
                if (scaled != null) {
                    System.out.printf("  two replicas per consumer, both consumers  %8.1f docs/s   (one replica: %.1f)%n",
                            items / scaled.slowest(), synced);
                }
            } finally {
                stack.close();
            }
        }
    }

    /**
     * What SiteSync and the sites used: CPU time (in all and per process), requests and service calls, read before and
     * after a run.
     */
    record Usage(Duration sitesyncCpu, Duration siteCpu, Duration postgresCpu, Duration machineCpu,
            Map<String, Duration> cpuByProcess, Map<String, Duration> postgresCpuByDatabase,
            Map<String, Long> siteRequestsByKind,
            Map<String, Long> transactionsByDatabase, long identityCalls, long ownershipCalls) {

        Usage since(Usage before) {
            return new Usage(sitesyncCpu.minus(before.sitesyncCpu), siteCpu.minus(before.siteCpu),
                    postgresCpu.minus(before.postgresCpu), machineCpu.minus(before.machineCpu),
                    elapsed(cpuByProcess, before.cpuByProcess),
                    elapsed(postgresCpuByDatabase, before.postgresCpuByDatabase),
                    difference(siteRequestsByKind, before.siteRequestsByKind),
                    difference(transactionsByDatabase, before.transactionsByDatabase),
                    identityCalls - before.identityCalls, ownershipCalls - before.ownershipCalls);
        }

        private static Map<String, Duration> elapsed(Map<String, Duration> after, Map<String, Duration> before) {
            Map<String, Duration> elapsed = new TreeMap<>();
            after.forEach((key, cpu) -> elapsed.put(key, cpu.minus(before.getOrDefault(key, Duration.ZERO))));
            return elapsed;
        }

        private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
            Map<String, Long> difference = new TreeMap<>();
            after.forEach((key, count) -> difference.put(key, count - before.getOrDefault(key, 0L)));
            return difference;
        }

        long siteRequests() {
            return siteRequestsByKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Usage usage() throws Exception {
        Map<String, Duration> byProcess = new TreeMap<>();
        for (JavaService process : stack.sitesync()) {
            byProcess.put(process.name(), CpuTime.of(List.of(process)));
        }
        for (JavaService process : stack.sites()) {
            byProcess.put(process.name(), CpuTime.of(List.of(process)));
        }
        return new Usage(CpuTime.of(stack.sitesync()), CpuTime.of(stack.sites()), CpuTime.ofTree(stack.postgresPid()),
                CpuTime.machine(), byProcess, stack.postgresCpuByDatabase(), stack.siteRequests(), stack.transactions(),
                stack.identityCalls(),
                stack.ownershipCalls());
    }

    /**
     * The usage once the work of a run is over: the last apply is not the last request a run causes (the consumers'
     * polls read back what was written, links are published in batches after the writes), so it is read two of the
     * consumers' poll intervals after the last apply. The polls never stand still (each cycle lists every captured
     * doctype), so that idle listing is counted in, as part of what SiteSync costs the sites.
     */
    private Usage settled() throws Exception {
        Readiness.pause(SETTLE);
        return usage();
    }

    /** Each item inserted on the owner, then on each consumer, {@code concurrency} items at a time: no SiteSync. */
    private double directCopy(String prefix, int count, int concurrency) {
        List<FrappeClient> sites = SyncStack.SITES.stream().map(site -> stack.admin(site, concurrency)).toList();
        long started = System.nanoTime();
        Multi.createFrom().range(0, count)
                .onItem().transformToUni(i -> copy(sites, item(prefix, i), 0)).merge(concurrency)
                .collect().last().await().atMost(WAIT);
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private static Uni<ObjectNode> copy(List<FrappeClient> sites, ObjectNode item, int index) {
        return index == sites.size() - 1
                ? sites.get(index).insert("Item", item.deepCopy())
                : sites.get(index).insert("Item", item.deepCopy()).flatMap(x -> copy(sites, item, index + 1));
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
    record Throughput(double insertRate, Map<String, Double> seconds, Map<String, Double> received,
            Map<String, Long> applied, Map<String, Long> writes, Map<String, Double> stages) {

        double slowest() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private Throughput throughput(String prefix, int count, int concurrency) throws SQLException {
        Instant started = Instant.now();
        double insertRate = insertRate(prefix, count, concurrency);
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Double> received = new HashMap<>();
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
            // when the consumer's worker took the run's last envelope: the owner's pace, apart from the apply's
            received.put(consumer, last(consumer, "select max(at) from sync_log where status = 'RECEIVED' "
                    + "and doctype = 'Item' and at >= ?", Timestamp.from(started), started));
        }
        return new Throughput(insertRate, seconds, received, applied, writes, stages(prefix, started));
    }

    /**
     * Where the time of a run went: when the run's last item passed each stage, in seconds after the first insert. A
     * stage that ends late while the one before it ended early is where the run waited.
     */
    private Map<String, Double> stages(String prefix, Instant started) throws SQLException {
        Map<String, Double> stages = new LinkedHashMap<>();
        String names = prefix + "%";
        stages.put("webhook taken by the owner's worker", last(SyncStack.OWNER,
                "select max(received_at) from inbound_event where doctype = 'Item' and name like ?", names, started));
        stages.put("captured and queued by the owner's worker", last(SyncStack.OWNER,
                "select max(at) from sync_log where status = 'QUEUED' and doctype = 'Item' and local_name like ?",
                names, started));
        for (String consumer : SyncStack.CONSUMERS) {
            stages.put("delivered to " + consumer, last(SyncStack.OWNER, "select max(at) from sync_log where status = "
                    + "'DELIVERED' and doctype = 'Item' and target_site = '" + consumer + "' and local_name like ?",
                    names, started));
        }
        for (String consumer : SyncStack.CONSUMERS) {
            stages.put("applied on " + consumer, last(consumer, "select max(at) from sync_log where status = 'APPLIED' "
                    + "and doctype = 'Item' and local_name like ?", names, started));
        }
        return stages;
    }

    /** Seconds after {@code started} of the time the query answers for its one parameter; NaN when none. */
    private double last(String site, String sql, Object parameter, Instant started) throws SQLException {
        try (Connection connection = stack.workerDatabase(site);
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp at = rows.getTimestamp(1);
                return at == null ? Double.NaN : Duration.between(started, at.toInstant()).toNanos() / 1e9;
            }
        }
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

    /** Waits until the consumer applied every item, reading its worker's log, so no request reaches the site. */
    private void awaitItems(String consumer, String prefix, int count) throws SQLException {
        Instant deadline = Instant.now().plus(WAIT);
        while (applied(consumer, prefix) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(consumer + " did not get all " + count + " " + prefix + " items");
            }
            Readiness.pause(Duration.ofMillis(200));
        }
    }

    private long applied(String consumer, String prefix) throws SQLException {
        try (Connection connection = stack.workerDatabase(consumer);
                PreparedStatement query = connection.prepareStatement("select count(distinct local_name) from sync_log "
                        + "where status = 'APPLIED' and doctype = 'Item' and local_name like ?")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static ObjectNode item(String prefix, int i) {
        String code = String.format("%s%06d", prefix, i);
        return JsonNodeFactory.instance.objectNode().put("item_code", code).put("item_name", "Bench " + code)
                .put("item_group", "All Item Groups").put("stock_uom", "Nos").put("is_stock_item", 1)
                .put("description", "A benchmark item").put("valuation_rate", 4.2);
    }

}
