package dev.sitesync.bench.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.Latencies;
import dev.sitesync.bench.sync.SyncStack;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;

/**
 * The console's pages over a worker holding many audit rows: SiteSync's services as real processes (frappe-sim,
 * identity, ownership, the gateway, a worker per site), north's worker given {@code --rows} sync log entries and as
 * many applied documents, then each page asked {@code --requests} times, one after another. Prints per page the
 * console's own time (its Server-Timing, services' answers included) and the time the caller saw.
 *
 * <p>
 * The console runs here in hybrid mode, so the benchmark can call it with a bearer token (people use the code flow,
 * which needs a browser); the pages, the calls and the token they carry to the services are the same.
 */
public final class ConsoleBench {

    private static final List<String> PAGES = List.of("/console/", "/console/conflicts", "/console/failures",
            "/console/audit", "/console/audit?site=north&doctype=Item&status=APPLIED", "/console/policy",
            "/console/sites", "/console/audit/verify?site=north");
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
        try (BenchServices services = new BenchServices()) {
            SyncStack stack = new SyncStack(services);
            try {
                stack.startSites();
                stack.startSync(Duration.ofSeconds(5), 100);
                long seeding = System.nanoTime();
                seed(stack, rows);
                System.out.printf("Seeded north's worker with %,d sync log entries and %,d applied documents in %.1f s%n",
                        rows, rows, (System.nanoTime() - seeding) / 1e9);
                String console = startConsole(services, stack);
                String token = services.issuer().token("bench-operator", "sync-admin", "sre");
                System.out.printf("%nConsole pages (%d requests each, one at a time, after %d warm-up)%n", requests,
                        warmup);
                System.out.printf("%-58s %6s %9s %9s %9s %11s %8s%n", "page", "status", "p50 ms", "p95 ms", "max ms",
                        "caller p50", "failures");
                for (String page : PAGES) {
                    measure(console + page, token, warmup, requests);
                }
                System.out.println("(ms: the console's own time per page, services' answers included; the caller's"
                        + " adds the connection. The last page walks north's whole hash chain: the seeded entries"
                        + " carry no real hashes, so it names the first of them as broken.)");
            } finally {
                stack.close();
            }
        }
    }

    private static void measure(String url, String token, int warmup, int requests) throws Exception {
        Latencies server = new Latencies();
        Latencies caller = new Latencies();
        int failures = 0;
        int status = 0;
        for (int i = 0; i < warmup + requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/html").timeout(Duration.ofMinutes(2)).GET().build();
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
            if (timing.find()) {
                server.record((long) (Double.parseDouble(timing.group(1)) * 1_000_000));
            }
        }
        String page = url.substring(url.indexOf("/console"));
        System.out.printf("%-58s %6d %9.1f %9.1f %9.1f %11.1f %8d%n", page, status, server.percentileMillis(50),
                server.percentileMillis(95), server.percentileMillis(100), caller.percentileMillis(50), failures);
    }

    /** Audit rows and applied documents as a busy consumer holds them, written straight into its database. */
    private static void seed(SyncStack stack, int rows) throws SQLException {
        try (Connection connection = stack.workerDatabase("north")) {
            try (PreparedStatement documents = connection.prepareStatement("""
                    insert into doc_state (external_id, doctype, local_name, applied_version, applied_hash)
                    select gen_random_uuid(), 'Item', 'BENCH-' || g, '2026-01-01 00:00:00', repeat('0', 64)
                      from generate_series(1, ?) g""")) {
                documents.setInt(1, rows);
                documents.executeUpdate();
            }
            try (PreparedStatement entries = connection.prepareStatement("""
                    insert into sync_log (at, external_id, source_site, target_site, doctype, local_name, version,
                                          payload_hash, status, attempt, prev_hash, row_hash)
                    select now() - make_interval(secs => ? - g), gen_random_uuid(), 'central', 'north', 'Item',
                           'BENCH-' || g, '2026-01-01 00:00:00', repeat('0', 64), 'APPLIED', 1, repeat('0', 64),
                           repeat('0', 64)
                      from generate_series(1, ?) g""")) {
                entries.setInt(1, rows);
                entries.setInt(2, rows);
                entries.executeUpdate();
            }
            connection.createStatement().execute("analyze doc_state; analyze sync_log");
        }
    }

    private static String startConsole(BenchServices services, SyncStack stack) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_OIDC_APPLICATION_TYPE", "hybrid");
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
