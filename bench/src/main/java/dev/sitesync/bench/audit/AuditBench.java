package dev.sitesync.bench.audit;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * How fast a worker verifies its sync log, and in how much memory: a log of {@code --rows} entries over
 * {@code --months} months, written with the worker's own hash chain; the worker seals the past months as archives and
 * anchors their last entries and its head with a real ownership-service, then the whole log is walked through
 * {@code GET /ops/v1/audit/verify} {@code --runs} times by the worker, its heap capped at 256 MB. Prints entries per
 * second and the worker's heap and resident memory while it walks, sampled every 100 ms.
 * <p>
 * {@code bench/run audit [--rows 1000000] [--months 4] [--runs 3]}
 */
public final class AuditBench {

    private static final String SITE = "central";
    private static final String DATABASE = "worker_" + SITE;
    private static final int COPY_BATCH = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String worker;
    private final long pid;
    private final String token;

    private AuditBench(String worker, long pid, String token) {
        this.worker = worker;
        this.pid = pid;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "rows", "months", "runs");
        int rows = options.number("rows", 1_000_000);
        int months = options.number("months", 4);
        int runs = options.number("runs", 3);
        try (BenchServices services = new BenchServices()) {
            System.out.println("Starting ownership-service and central's worker on an embedded PostgreSQL...");
            Path policy = Path.of("ownership-service/src/main/resources/policy/example-policy.yaml").toAbsolutePath();
            String ownership = services.start("ownership-service", "ownership",
                    Map.of("SITESYNC_OWNERSHIP_POLICY_FILE", policy.toString()));
            services.issuer().registerClient("worker-" + SITE, "secret-" + SITE, "sync-worker");
            Map<String, String> environment = workerEnvironment(services, ownership);
            // a first start migrates the database; the log is written while no worker runs, as a past would have been
            JavaService migrating = services.launch("worker-migrating", "sync-worker", Ports.free(), DATABASE,
                    environment);
            migrating.awaitReady(Duration.ofSeconds(180));
            migrating.close();

            System.out.printf("Writing %,d hash-chained entries over %d months...%n", rows, months);
            long head = writeLog(services.postgres(), rows, months);
            JavaService started = services.launch("worker-" + SITE, "sync-worker", Ports.free(), DATABASE,
                    environment);
            started.awaitReady(Duration.ofSeconds(180));
            String auditor = services.issuer().tokens().subject("bench-auditor").roles("auditor")
                    .expiresIn(Duration.ofHours(2)).sign();
            System.out.println("Waiting for the worker to seal the past months and anchor its head (a first walk)...");
            awaitAnchored(ownership, auditor, head);

            AuditBench bench = new AuditBench(started.url(), started.pid(), auditor);
            String before = bench.memory().line();
            System.out.printf("Walking the whole log %d times, then from the newest anchor...%n", runs);
            StringBuilder figures = new StringBuilder();
            for (int run = 1; run <= runs; run++) {
                figures.append("  whole log, run ").append(run).append(": ").append(bench.walk("")).append('\n');
            }
            figures.append("  from the newest anchor: ").append(bench.walk("?from=latest")).append('\n');
            System.out.println();
            System.out.printf("Audit log verification (%,d entries over %d months, %d of them sealed archives; worker "
                    + "heap capped at 256 MB, pages of 5,000; %d cores, Java %s):%n", rows, months, months - 1,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.print(figures);
            System.out.println("  the worker before walking: " + before);
        }
    }

    /** One walk: entries, time, entries per second, and the worker's memory at its highest meanwhile. */
    private String walk(String query) throws Exception {
        Peak peak = new Peak();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.add(memory());
                try {
                    Thread.sleep(100); // a sampling period, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        JsonNode verification;
        try {
            verification = verify(query);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        // the walk's own time, as the worker measured it: no HTTP and no wait for a turn
        double seconds = verification.path("millis").asLong() / 1e3;
        if (verification.hasNonNull("firstBrokenId") || verification.hasNonNull("anchors")) {
            throw new IllegalStateException("The log did not verify with its anchors: " + verification);
        }
        long entries = verification.path("rowsChecked").asLong();
        return String.format("%,d entries in %.2f s = %,.0f entries/s, %d anchors matched; worker heap used at most "
                + "%d MB, resident at most %d MB", entries, seconds, entries / seconds,
                verification.path("anchorsMatched").asInt(), peak.heap.get() >> 20, peak.resident.get() >> 20);
    }

    /** The verification's answer; while the worker's own round holds the walk (429), asked again. */
    private JsonNode verify(String query) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(worker + "/ops/v1/audit/verify"
                    + query)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            if (response.statusCode() != 429 || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("verify answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(200); // the worker's own round ends within a second or two
        }
    }

    private record Memory(long heap, long resident) {

        String line() {
            return "heap used %d MB, resident %d MB".formatted(heap >> 20, resident >> 20);
        }
    }

    private static final class Peak {

        private final AtomicLong heap = new AtomicLong();
        private final AtomicLong resident = new AtomicLong();

        void add(Memory memory) {
            heap.accumulateAndGet(memory.heap(), Math::max);
            resident.accumulateAndGet(memory.resident(), Math::max);
        }
    }

    /** The worker's heap in use (its metrics) and its resident set (the kernel's count). */
    private Memory memory() {
        long heap = 0;
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(worker + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.lines().toList()) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            long resident = 0;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    resident = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return new Memory(heap, resident);
        } catch (IOException e) {
            return new Memory(heap, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Memory(heap, 0);
        }
    }

    /**
     * Writes the log straight into the worker's database, as the worker would have over the months: each entry chained
     * to the one before by the worker's own {@link AuditChain}, filed in its month's partition. Answers the head's id.
     */
    private static long writeLog(LocalPostgres postgres, int rows, int months) throws SQLException, IOException {
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        Instant first = thisMonth.minusMonths(months - 1L).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = Duration.between(first, Instant.now().minusSeconds(60)).toMillis();
        List<SyncStatus> statuses = List.of(SyncStatus.QUEUED, SyncStatus.DELIVERED, SyncStatus.RECEIVED,
                SyncStatus.APPLIED);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), LocalPostgres.USER,
                LocalPostgres.PASSWORD); Statement statement = connection.createStatement()) {
            try (ResultSet existing = statement.executeQuery("select count(*) from sync_log")) {
                existing.next();
                if (existing.getLong(1) > 0) {
                    throw new IllegalStateException("The worker's log is not empty; the benchmark writes a fresh one");
                }
            }
            for (int month = months - 1; month >= 1; month--) {
                statement.execute("select sync_log_partition('" + thisMonth.minusMonths(month).atDay(1) + "')");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String previous = AuditChain.GENESIS;
            StringBuilder batch = new StringBuilder(COPY_BATCH * 400);
            for (int id = 1; id <= rows; id++) {
                Instant at = first.plusMillis(span * id / rows);
                AuditEntry entry = new AuditEntry(at, UUID.randomUUID(), SITE, "north", "Item", "BENCH-" + id,
                        "2026-01-01 00:00:00.000000", "f".repeat(64), statuses.get(id % statuses.size()), 0,
                        "bench entry " + id);
                String hash = AuditChain.hash(previous, entry);
                batch.append(id).append('\t').append(at).append('\t').append(entry.externalId()).append('\t')
                        .append(SITE).append("\tnorth\tItem\t").append(entry.localName()).append('\t')
                        .append(entry.version()).append('\t').append(entry.payloadHash()).append('\t')
                        .append(entry.status()).append("\t0\t").append(entry.detail()).append('\t').append(previous)
                        .append('\t').append(hash).append("\t\\N\t").append(at).append('\n');
                previous = hash;
                if (id % COPY_BATCH == 0 || id == rows) {
                    copy.copyIn("copy sync_log (id, at, external_id, source_site, target_site, doctype, local_name, "
                            + "version, payload_hash, status, attempt, detail, prev_hash, row_hash, trace_id, logged_at) "
                            + "from stdin", new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            statement.execute("select setval('sync_log_id_seq', " + rows + ")");
        }
        return rows;
    }

    /** Waits until ownership-service holds the log's head as anchored: the worker's first round walked it all. */
    private static void awaitAnchored(String ownership, String token, long head) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(15));
        while (Instant.now().isBefore(giveUp)) {
            HttpResponse<String> latest = HTTP.send(HttpRequest.newBuilder(URI.create(ownership + "/api/v1/sites/"
                    + SITE + "/audit-anchors/latest")).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (latest.statusCode() == 200 && JSON.readTree(latest.body()).path("lastId").asLong() == head) {
                return;
            }
            Thread.sleep(500); // the worker's round takes as long as a walk of the whole log
        }
        throw new IllegalStateException("The worker did not anchor its head " + head + " within 15 minutes; see its log");
    }

    private static Map<String, String> workerEnvironment(BenchServices services, String ownership) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SITESYNC_SITE", SITE);
        // the site and identity-service are not needed to verify the log: polling is off, nothing arrives to apply
        environment.put("SITESYNC_WORKER_FRAPPE_URL", "http://127.0.0.1:9");
        environment.put("SITESYNC_WORKER_FRAPPE_API_KEY", "unused");
        environment.put("SITESYNC_WORKER_FRAPPE_API_SECRET", "unused");
        environment.put("SITESYNC_WORKER_POLL_ENABLED", "false");
        environment.put("SITESYNC_WORKER_SERVICES_IDENTITY_URL", "http://127.0.0.1:9");
        environment.put("SITESYNC_WORKER_SERVICES_OWNERSHIP_URL", ownership);
        environment.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", services.issuer().url());
        environment.put("QUARKUS_OIDC_CLIENT_CLIENT_ID", "worker-" + SITE);
        environment.put("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "secret-" + SITE);
        // one round at start seals, walks and anchors; the next ones stay out of the measured walks
        environment.put("SITESYNC_WORKER_AUDIT_ANCHOR_INTERVAL", "1h");
        // the daily whole-log walk stays out of the measured ones
        environment.put("SITESYNC_WORKER_AUDIT_FULL_VERIFY_INTERVAL", "1000h");
        return environment;
    }
}
