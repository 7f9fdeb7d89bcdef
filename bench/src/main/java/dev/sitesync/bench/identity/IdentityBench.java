package dev.sitesync.bench.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.LoadLoop;
import dev.sitesync.bench.support.LoadLoop.Result;

/**
 * Resolves per second against a real identity-service on the embedded PostgreSQL: single calls and batches of 100,
 * for new documents (assignment) and known ones (lookup), with p50/p99 call latency.
 * <p>
 * {@code bench/run identity [--seconds 20] [--workers 16]}
 */
public final class IdentityBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String url;
    private final String token;

    private IdentityBench(String url, String token) {
        this.url = url + "/api/v1/identities/resolve";
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "seconds", "workers", "warmup");
        Duration duration = options.seconds("seconds", 20);
        int workers = options.number("workers", 16);
        Duration warmup = options.seconds("warmup", 10);
        try (BenchServices services = new BenchServices()) {
            System.out.println("Starting identity-service on an embedded PostgreSQL...");
            String url = services.start("identity-service", "identity", Map.of());
            IdentityBench bench = new IdentityBench(url, services.issuer().tokens().roles("sync-worker")
                    .expiresIn(Duration.ofHours(2)).sign());
            System.out.printf("Warming up for %d s (%d cores, Java %s)...%n", warmup.toSeconds(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            LoadLoop.run("warm-up", workers, warmup, (w, seq) -> bench.resolve("warm", seq, 10));

            System.out.println("Measuring single calls, then batches of 100 (new, then known documents)...");
            Result single = LoadLoop.run("single calls, new documents", workers, duration,
                    (w, seq) -> bench.resolve("single", seq, 1));
            Result batch = LoadLoop.run("batches of 100, new documents", workers, duration,
                    (w, seq) -> bench.resolve("batch", seq, 100));
            Result lookup = LoadLoop.run("batches of 100, known documents", workers, duration,
                    (w, seq) -> bench.resolve("batch", seq % Math.max(1, batch.calls()), 100));
            System.out.println();
            System.out.println("identity-service resolve (" + duration.toSeconds() + " s each, loopback, one service JVM):");
            for (Result result : new Result[]{single, batch, lookup}) {
                System.out.println("  " + result.line());
            }
        }
    }

    /** One resolve call of {@code size} documents, named by the call's sequence so each call's names are its own. */
    private int resolve(String prefix, long sequence, int size) throws Exception {
        StringJoiner items = new StringJoiner(",", "{\"assign\":true,\"items\":[", "]}");
        for (int i = 0; i < size; i++) {
            items.add("{\"site\":\"central\",\"doctype\":\"Item\",\"localName\":\"%s-%d-%d\"}"
                    .formatted(prefix, sequence, i));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(items.toString())).build();
        HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("resolve answered " + response.statusCode());
        }
        return size;
    }

}
