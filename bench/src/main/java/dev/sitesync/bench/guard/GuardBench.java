package dev.sitesync.bench.guard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.LoadLoop;
import dev.sitesync.bench.support.LoadLoop.Result;
import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;

/**
 * Order checks per second against a real commerce-guard reading a frappe-sim site's Bins, with the Bin cache on (its
 * default five seconds) and off (every check reads the site), with p50/p99 call latency. Each check reads the Bins of
 * its lines, runs every rule and stores the decision. Both guards and the site run as child JVMs on one embedded
 * PostgreSQL.
 * <p>
 * {@code bench/run guard [--seconds 20] [--workers 16] [--items 200] [--lines 3]}
 */
public final class GuardBench {

    private static final String SITE = "shop";
    private static final String CALLER = "bench";
    private static final String GUARD_KEY = "bench-guard-key";
    private static final String GUARD_SECRET = "bench-guard-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final int items;
    private final int lines;
    private final Map<String, AtomicLong> verdicts = new ConcurrentHashMap<>();

    private GuardBench(String url, String token, int items, int lines) {
        this.url = url + "/api/v1/orders/check";
        this.token = token;
        this.items = items;
        this.lines = lines;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "seconds", "workers", "items", "lines", "warmup");
        Duration duration = options.seconds("seconds", 20);
        int workers = options.number("workers", 16);
        int items = options.number("items", 200);
        int lines = options.number("lines", 3);
        Duration warmup = options.seconds("warmup", 10);
        Path credentials = Files.createTempDirectory("guard-bench").resolve("credentials.json");
        try (BenchServices services = new BenchServices()) {
            System.out.printf("Starting frappe-sim (site %s, %d items with Bins)...%n", SITE, items);
            String site = services.start("frappe-sim", "frappe_sim", Map.of("FRAPPE_SIM_SITES", SITE,
                    "FRAPPE_SIM_SEED_ITEMS", String.valueOf(items),
                    "FRAPPE_SIM_CREDENTIALS_FILE", credentials.toString()));
            createGuardUser(site, credentials);
            System.out.println("Starting commerce-guard twice: Bins cached for 5 s, and Bins read on every check...");
            String cached = services.start("commerce-guard", "guard_cached", guardEnvironment(site, "PT5S"));
            String uncached = services.start("commerce-guard", "guard_uncached", guardEnvironment(site, "PT0S"));
            String token = services.issuer().tokens().subject(CALLER).roles("storefront")
                    .expiresIn(Duration.ofHours(2)).sign();
            System.out.printf("Warming up for %d s each (%d cores, Java %s)...%n",
                    warmup.toSeconds(), Runtime.getRuntime().availableProcessors(), Runtime.version());
            Result[] results = new Result[2];
            String[] cpu = new String[2];
            String[] names = {"check, Bins cached 5 s", "check, Bins read every check"};
            String[] urls = {cached, uncached};
            ProcessCpu processes = new ProcessCpu(services.state().resolve("postgres"));
            for (int i = 0; i < 2; i++) {
                GuardBench bench = new GuardBench(urls[i], token, items, lines);
                LoadLoop.run("warm-up", workers, warmup, (w, seq) -> bench.check());
                bench.verdicts.clear();
                var before = processes.used();
                results[i] = LoadLoop.run(names[i], workers, duration, (w, seq) -> bench.check());
                cpu[i] = ProcessCpu.perCall(before, processes.used(), results[i].calls());
                System.out.println("  verdicts: " + bench.verdicts);
            }
            System.out.println();
            System.out.printf("commerce-guard order checks (%d s each, %d lines per order over %d items, loopback):%n",
                    duration.toSeconds(), lines, items);
            for (int i = 0; i < 2; i++) {
                System.out.println("  " + results[i].line());
                // the machine's other load changes calls per second, not the CPU a call costs
                System.out.println("    CPU per check: " + cpu[i]);
            }
        }
        // Mutiny's timer pool has non-daemon threads; the figures are printed, so the JVM may go
        System.exit(0);
    }

    /** One check of an order of {@code lines} random items; answers 1 (one order checked). */
    private int check() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order())).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("check answered " + response.statusCode() + ": " + response.body());
        }
        verdicts.computeIfAbsent(JSON.readTree(response.body()).path("verdict").asText(), v -> new AtomicLong())
                .incrementAndGet();
        return 1;
    }

    private String order() {
        ObjectNode order = JSON.createObjectNode().put("customer", "Bench Customer").put("company", "_Test Company")
                .put("transaction_date", LocalDate.now(ZoneOffset.UTC).toString()).put("currency", "INR");
        ArrayNode rows = order.putArray("items");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int line = 0; line < lines; line++) {
            rows.addObject().put("item_code", String.format("SIM-ITEM-%05d", 1 + random.nextInt(items)))
                    .put("qty", 1).put("rate", 120).put("warehouse", "Stores - _TC");
        }
        order.putArray("taxes").addObject().put("charge_type", "On Net Total").put("account_head", "VAT - _TC")
                .put("description", "VAT").put("rate", 18);
        ObjectNode request = JSON.createObjectNode().put("site", SITE);
        request.set("order", order);
        return request.toString();
    }

    /** The guard's own API user on the site, allowed to read Bins and write Sales Orders, as in production. */
    private static void createGuardUser(String site, Path credentials) throws Exception {
        JsonNode admin = JSON.readTree(credentials.toFile()).path("sites").path(SITE).path("admin");
        Vertx vertx = Vertx.vertx();
        try (FrappeClient client = FrappeClient.create(vertx, FrappeSite.of(site,
                new ApiCredentials(admin.path("apiKey").asText(), admin.path("apiSecret").asText())).withSiteName(SITE))) {
            ObjectNode user = JSON.createObjectNode().put("email", "guard@sitesync.local")
                    .put("first_name", "Commerce Guard").put("api_key", GUARD_KEY).put("api_secret", GUARD_SECRET);
            user.putArray("roles").addObject().put("role", "Sales User");
            client.insert("User", user).await().atMost(Duration.ofSeconds(30));
        } finally {
            vertx.closeAndAwait();
        }
    }

    private static Map<String, String> guardEnvironment(String site, String binCacheTtl) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GUARD_SITES_SHOP_URL", site);
        environment.put("GUARD_SITES_SHOP_SITE_NAME", SITE);
        environment.put("GUARD_SITES_SHOP_API_KEY", GUARD_KEY);
        environment.put("GUARD_SITES_SHOP_API_SECRET", GUARD_SECRET);
        environment.put("GUARD_SITES_SHOP_CALLERS_" + CALLER.toUpperCase(), "_Test Company");
        environment.put("GUARD_STOCK_CACHE_TTL", binCacheTtl);
        environment.put("GUARD_AUDIT_CRON", "off");
        return environment;
    }

}
