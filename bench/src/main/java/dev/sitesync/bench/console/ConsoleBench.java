package dev.sitesync.bench.console;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.CpuTime;
import dev.sitesync.bench.support.Latencies;
import dev.sitesync.bench.sync.SyncStack;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.SyncLog;

/**
 * The console's pages over a worker holding many audit rows: SiteSync's services as real processes (frappe-sim,
 * identity, ownership, the gateway, a worker per site), north's worker given {@code --rows} sync log entries (its own
 * hash chain, continued) and as many applied documents, then each page asked {@code --requests} times, one after
 * another. Prints per page the console's own time (its Server-Timing, services' answers included), the time the caller
 * saw, and the CPU the console and the services spent per page, with the machine's load average beside them; then the
 * worker's answers the overview is made of, asked directly. Exits 1 when any request failed.
 * <p>
 * {@code bench/run console [--rows 100000] [--requests 30] [--warmup 5]}
 * <p>
 * The console runs here in hybrid mode, so the benchmark can call it with a bearer token (people use the code flow,
 * which needs a browser); the pages, the calls and the token they carry to the services are the same.
 */
public final class ConsoleBench {

    private static final List<String> PAGES = List.of("/console/", "/console/conflicts", "/console/failures",
            "/console/audit", "/console/audit?site=north&doctype=Item&status=APPLIED", "/console/policy",
            "/console/sites");
    /** What the overview asks each worker, all at once: its state, and the decisions people took lately. */
    private static final List<String> WORKER_CALLS = List.of("/ops/v1/status",
            "/ops/v1/dead-letters?state=resolved&limit=8", "/ops/v1/conflicts?status=ACCEPTED_SOURCE&limit=8");
    /** A time as a browser's date-and-time field sends it (the console reads it as UTC). */
    private static final DateTimeFormatter FIELD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final int COPY_BATCH = 50_000;
    private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "rows", "requests", "warmup");
        int rows = options.number("rows", 100_000);
        int requests = options.number("requests", 30);
        int warmup = options.number("warmup", 5);
        int failed = 0;
        try (BenchServices services = new BenchServices()) {
            SyncStack stack = new SyncStack(services);
            try {
                stack.startSites();
                stack.startSync(Duration.ofSeconds(5), 100, 0);
                long seeding = System.nanoTime();
                Seeded seeded = seed(stack, rows);
                System.out.printf("Seeded north's worker with %,d sync log entries and %,d applied documents in %.1f s%n",
                        rows, rows, (System.nanoTime() - seeding) / 1e9);
                String console = startConsole(services, stack);
                String token = services.issuer().token("bench-operator", "sync-admin", "sre");
                System.out.printf("%nConsole pages (%d requests each, one at a time, after %d warm-up)%n", requests,
                        warmup);
                Processes processes = new Processes(List.of(services.started().get("console")),
                        services.started().entrySet().stream().filter(e -> e.getKey().startsWith("worker")
                                || e.getKey().equals("ownership-service")).map(Map.Entry::getValue).toList());
                System.out.printf("(load average of this machine: %s)%n", loadAverage());
                System.out.printf("%-58s %6s %9s %9s %9s %11s %12s %13s %8s%n", "page", "status", "p50 ms", "p95 ms",
                        "max ms", "caller p50", "console CPU", "services CPU", "failures");
                List<String> pages = new ArrayList<>(PAGES);
                pages.add("/console/audit?site=north&externalId=" + seeded.sample());
                pages.add("/console/audit?site=north&status=APPLIED&from=" + FIELD_TIME.format(seeded.from()) + "&to="
                        + FIELD_TIME.format(seeded.to()));
                pages.add("/console/audit/verify?site=north&from=latest");
                pages.add("/console/audit/verify?site=north");
                for (String page : pages) {
                    failed += measure(console + page, token, warmup, requests, processes);
                }
                System.out.printf("(load average of this machine: %s)%n", loadAverage());
                System.out.println("(ms: the console's own time per page, services' answers included; the caller's"
                        + " adds the connection; CPU: milliseconds of CPU per page of the console's process and of the"
                        + " workers' and ownership-service's together. The two verifications walk north's hash chain,"
                        + " from its newest head anchored at ownership-service and whole, the seeded entries included.)");
                System.out.printf("%nNorth's worker asked directly, as the overview asks it (caller's time)%n");
                for (String call : WORKER_CALLS) {
                    failed += measure(stack.worker("north") + call, token, warmup, requests, processes);
                }
            } finally {
                stack.close();
            }
        }
        if (failed > 0) {
            System.out.printf("%d requests failed: these figures are not the pages' (see the services' logs)%n", failed);
            System.exit(1);
        }
    }

    /** The operating system's 1, 5 and 15 minute load averages: what else this machine was doing meanwhile. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Whose CPU time a page costs: the console's, and the services' it calls (workers, ownership-service). */
    private record Processes(List<JavaService> console, List<JavaService> services) {
    }

    /** Asks the page {@code warmup + requests} times and prints its figures; answers how many requests failed. */
    private static int measure(String url, String token, int warmup, int requests, Processes processes)
            throws Exception {
        Latencies server = new Latencies();
        Latencies caller = new Latencies();
        int failures = 0;
        int status = 0;
        Duration consoleCpu = Duration.ZERO;
        Duration servicesCpu = Duration.ZERO;
        for (int i = 0; i < warmup + requests; i++) {
            if (i == warmup) {
                consoleCpu = CpuTime.of(processes.console());
                servicesCpu = CpuTime.of(processes.services());
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/html, application/json;q=0.9").timeout(Duration.ofMinutes(2)).GET().build();
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - started;
            status = response.statusCode();
            if (i < warmup) {
                continue;
            }
            if (status != 200) {
                failures++;
            }
            caller.record(elapsed);
            Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElse(""));
            // a service without Server-Timing (a worker asked directly) is timed as its caller saw it
            server.record(timing.find() ? (long) (Double.parseDouble(timing.group(1)) * 1_000_000) : elapsed);
        }
        double consoleCpuMillis = CpuTime.of(processes.console()).minus(consoleCpu).toNanos() / 1e6 / requests;
        double servicesCpuMillis = CpuTime.of(processes.services()).minus(servicesCpu).toNanos() / 1e6 / requests;
        String page = url.substring(url.indexOf('/', url.indexOf("//") + 2));
        System.out.printf("%-58s %6d %9.1f %9.1f %9.1f %11.1f %12.1f %13.1f %8d%n", page, status,
                server.percentileMillis(50), server.percentileMillis(95), server.percentileMillis(100),
                caller.percentileMillis(50), consoleCpuMillis, servicesCpuMillis, failures);
        return failures;
    }

    /** What the seed wrote: one entry's external ID and an hour of entries, for searches that find some of it. */
    private record Seeded(UUID sample, Instant from, Instant to) {
    }

    /**
     * Applied documents and audit entries as a busy consumer holds them, written straight into its database. The entries
     * continue north's own hash chain (under the lock the worker's appends take, so none comes between), one a second
     * over the last hours, so the chain verifies as the worker's own would.
     */
    private static Seeded seed(SyncStack stack, int rows) throws SQLException, IOException {
        try (Connection connection = stack.workerDatabase("north")) {
            try (PreparedStatement documents = connection.prepareStatement("""
                    insert into doc_state (external_id, doctype, local_name, applied_version, applied_hash)
                    select gen_random_uuid(), 'Item', 'BENCH-' || g, '2026-01-01 00:00:00', repeat('0', 64)
                      from generate_series(1, ?) g""")) {
                documents.setInt(1, rows);
                documents.executeUpdate();
            }
            connection.setAutoCommit(false);
            Seeded seeded;
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + SyncLog.CHAIN_LOCK + ")");
                String previous = AuditChain.GENESIS;
                String loggedAt = Instant.now().toString();
                try (ResultSet head = statement.executeQuery("select row_hash, greatest(logged_at, clock_timestamp()) "
                        + "as next_logged_at from sync_log order by id desc limit 1")) {
                    if (head.next()) {
                        previous = head.getString("row_hash");
                        loggedAt = head.getObject("next_logged_at", OffsetDateTime.class).toString();
                    }
                }
                long firstId;
                try (ResultSet next = statement.executeQuery("select nextval('sync_log_id_seq')")) {
                    next.next();
                    firstId = next.getLong(1);
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                StringBuilder batch = new StringBuilder(COPY_BATCH * 400);
                UUID sample = null;
                for (int i = 0; i < rows; i++) {
                    Instant at = now.minusSeconds(rows - i);
                    AuditEntry entry = new AuditEntry(at, UUID.randomUUID(), "central", "north", "Item", "BENCH-" + i,
                            "2026-01-01 00:00:00.000000", "f".repeat(64),
                            i % 2 == 0 ? SyncStatus.RECEIVED : SyncStatus.APPLIED, 1, "bench entry " + i);
                    sample = i == rows / 2 ? entry.externalId() : sample;
                    String hash = AuditChain.hash(previous, entry);
                    batch.append(firstId + i).append('\t').append(at).append('\t').append(entry.externalId())
                            .append("\tcentral\tnorth\tItem\t").append(entry.localName()).append('\t')
                            .append(entry.version()).append('\t').append(entry.payloadHash()).append('\t')
                            .append(entry.status()).append("\t1\t").append(entry.detail()).append('\t')
                            .append(previous).append('\t').append(hash).append("\t\\N\t").append(loggedAt)
                            .append('\n');
                    previous = hash;
                    if ((i + 1) % COPY_BATCH == 0 || i == rows - 1) {
                        copy.copyIn("copy sync_log (id, at, external_id, source_site, target_site, doctype, "
                                + "local_name, version, payload_hash, status, attempt, detail, prev_hash, row_hash, "
                                + "trace_id, logged_at) from stdin", new StringReader(batch.toString()));
                        batch.setLength(0);
                    }
                }
                statement.execute("select setval('sync_log_id_seq', " + (firstId + rows - 1) + ")");
                Instant middle = now.minusSeconds(rows / 2);
                seeded = new Seeded(sample, middle.minus(Duration.ofMinutes(30)), middle.plus(Duration.ofMinutes(30)));
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze doc_state; analyze sync_log");
            }
            return seeded;
        }
    }

    private static String startConsole(BenchServices services, SyncStack stack) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_OIDC_APPLICATION_TYPE", "hybrid");
        // the benchmark's local issuer has no end-session endpoint, and nobody signs out here
        environment.put("QUARKUS_OIDC_LOGOUT_PATH", "");
        environment.put("SITESYNC_CONSOLE_CLIENT_SECRET", "bench-console-secret");
        environment.put("SITESYNC_CONSOLE_SITES", String.join(",", SyncStack.SITES));
        for (String site : SyncStack.SITES) {
            environment.put("SITESYNC_CONSOLE_WORKERS_SITES_" + site.toUpperCase(), stack.worker(site));
        }
        environment.put("SITESYNC_CONSOLE_OWNERSHIP_URL", stack.ownership());
        // no guard in this benchmark: its page is not measured
        environment.put("SITESYNC_CONSOLE_GUARD_URL", "http://127.0.0.1:" + Ports.free());
        JavaService console = services.launch("console", "console", Ports.free(), "console", environment);
        console.awaitReady(Duration.ofSeconds(180));
        return console.url();
    }
}
