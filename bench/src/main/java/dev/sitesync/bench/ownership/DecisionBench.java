package dev.sitesync.bench.ownership;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.LoadLoop;
import dev.sitesync.bench.support.LoadLoop.Result;

/**
 * Decisions per second against a real ownership-service on the embedded PostgreSQL, with the shipped example policy
 * (central owns the catalogue, north and south their territories' customers): batches of 500 as a worker sends them,
 * with and without {@code explain}, and p50/p99 call latency.
 * <p>
 * {@code bench/run ownership [--seconds 20] [--workers 8]}
 */
public final class DecisionBench {

    static final int BATCH = 500;

    /**
     * A worker's mix: mostly changes its site owns, some federated customers, and the refusals a real feed meets
     * (another territory's customer, a ledger, a transaction).
     */
    private static final List<String> MIX = List.of(
            item("central", "Item", null), item("central", "Item Price", null), item("central", "Item", null),
            item("central", "Price List", null), item("north", "Customer", "North"), item("south", "Customer", "South"),
            item("south", "Customer", "North"), item("central", "GL Entry", null), item("north", "Sales Order", null),
            item("central", "Brand", null));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String url;
    private final String token;
    private final String body;

    private DecisionBench(String url, String token) {
        this.url = url + "/api/v1/decisions";
        this.token = token;
        StringJoiner items = new StringJoiner(",", "{\"items\":[", "]}");
        for (int i = 0; i < BATCH; i++) {
            items.add(MIX.get(i % MIX.size()));
        }
        this.body = items.toString();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "seconds", "workers", "warmup");
        Duration duration = options.seconds("seconds", 20);
        int workers = options.number("workers", 8);
        Duration warmup = options.seconds("warmup", 10);
        Path policy = Path.of("ownership-service/src/main/resources/policy/example-policy.yaml").toAbsolutePath();
        try (BenchServices services = new BenchServices()) {
            System.out.println("Starting ownership-service on an embedded PostgreSQL with " + policy + "...");
            String url = services.start("ownership-service", "ownership",
                    Map.of("SITESYNC_OWNERSHIP_POLICY_FILE", policy.toString()));
            DecisionBench bench = new DecisionBench(url, services.issuer().tokens().roles("sync-worker")
                    .expiresIn(Duration.ofHours(2)).sign());
            System.out.println("One batch: " + bench.outcomes());
            System.out.printf("Warming up for %d s (%d cores, Java %s)...%n", warmup.toSeconds(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            LoadLoop.run("warm-up", workers, warmup, (w, seq) -> bench.decide(false));

            System.out.println("Measuring batches of " + BATCH + ", then the same with explain=true...");
            Result plain = LoadLoop.run("batches of " + BATCH, workers, duration, (w, seq) -> bench.decide(false));
            Result explained = LoadLoop.run("batches of " + BATCH + ", explain", workers, duration,
                    (w, seq) -> bench.decide(true));
            System.out.println();
            System.out.println("ownership-service decisions (" + duration.toSeconds()
                    + " s each, loopback, one service JVM; items/s = decisions/s):");
            System.out.println("  " + plain.line());
            System.out.println("  " + explained.line());
        }
    }

    private int decide(boolean explain) throws Exception {
        HttpResponse<Void> response = HTTP.send(request(explain), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("decisions answered " + response.statusCode());
        }
        return BATCH;
    }

    /** How one batch was decided, to show the mix is what it claims to be. */
    private String outcomes() throws Exception {
        String answer = HTTP.send(request(false), HttpResponse.BodyHandlers.ofString()).body();
        return "%d ALLOW, %d REFUSE".formatted(count(answer, "\"outcome\":\"ALLOW\""),
                count(answer, "\"outcome\":\"REFUSE\""));
    }

    private HttpRequest request(boolean explain) {
        return HttpRequest.newBuilder(URI.create(url + "?explain=" + explain))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String item(String source, String doctype, String territory) {
        String scope = territory == null ? "" : ",\"scope\":{\"territory\":\"" + territory + "\"}";
        return "{\"sourceSite\":\"%s\",\"doctype\":\"%s\",\"operation\":\"upsert\"%s}".formatted(source, doctype, scope);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

}
