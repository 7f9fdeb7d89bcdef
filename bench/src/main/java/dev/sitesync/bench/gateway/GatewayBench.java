package dev.sitesync.bench.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;

import dev.sitesync.bench.guard.ProcessCpu;
import dev.sitesync.bench.support.BenchOptions;
import dev.sitesync.bench.support.BenchServices;
import dev.sitesync.bench.support.LoadLoop;
import dev.sitesync.bench.support.LoadLoop.Result;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;

/**
 * What the gateway adds: requests per second and p50/p99 latency of the same work called directly and through a
 * real inbound-gateway, in one run on loopback. Webhooks: a signed ERPNext webhook through the gateway (site lookup,
 * range, HMAC, shape, shared rate limit and replay record in PostgreSQL, forward) against posting the event straight
 * to a worker's intake (an in-process stub answering 202). API calls: a token-authenticated identity-service resolve
 * through the gateway (token verified, IP scope, shared rate limit, forward) against calling identity-service.
 * <p>
 * {@code bench/run gateway [--seconds 15] [--workers 8]}
 */
public final class GatewayBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SITE = "bench";
    private static final String SECRET = "bench-webhook-secret";
    private static final String CLIENT = "inbound-gateway";
    private static final String CLIENT_SECRET = "bench-client-secret";

    private final String gateway;
    private final String identity;
    private final String intake;
    private final String callerToken;
    private final String workerToken;

    private GatewayBench(String gateway, String identity, String intake, String callerToken, String workerToken) {
        this.gateway = gateway;
        this.identity = identity;
        this.intake = intake;
        this.callerToken = callerToken;
        this.workerToken = workerToken;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "seconds", "workers", "warmup");
        Duration duration = options.seconds("seconds", 15);
        int workers = options.number("workers", 8);
        Duration warmup = options.seconds("warmup", 5);
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("inbound-gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; run ./mvnw package -DskipTests first.");
        }
        try (BenchServices services = new BenchServices()) {
            System.out.println("Starting identity-service, the peers' stub and inbound-gateway on an embedded PostgreSQL...");
            String identity = services.start("identity-service", "identity", Map.of());
            Peers peers = new Peers(services);
            try (JavaService gateway = startGateway(services, root, jar, identity, peers)) {
                GatewayBench bench = new GatewayBench(gateway.url(), identity, peers.url(),
                        services.issuer().tokens().subject("bench-caller").roles("sync-worker")
                                .expiresIn(Duration.ofHours(2)).sign(),
                        services.issuer().tokens().subject(CLIENT).roles("gateway").expiresIn(Duration.ofHours(2)).sign());
                bench.run(duration, workers, warmup, new ProcessCpu(services.state().resolve("postgres")));
            } finally {
                peers.close();
            }
        }
    }

    private void run(Duration duration, int workers, Duration warmup, ProcessCpu processes) throws Exception {
        System.out.printf("Warming up for %d s (%d cores, Java %s)...%n", 2 * warmup.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        LoadLoop.run("warm-up", workers, warmup, (w, seq) -> webhookThroughGateway("warm", seq));
        LoadLoop.run("warm-up", workers, warmup, (w, seq) -> resolve(gateway, "warm", seq));

        System.out.println("Measuring webhooks direct and through the gateway, then API calls direct and through it...");
        Result webhookDirect = LoadLoop.run("webhook, direct to intake", workers, duration,
                (w, seq) -> eventToIntake("direct", seq));
        var beforeWebhooks = processes.used();
        Result webhookGateway = LoadLoop.run("webhook, through gateway", workers, duration,
                (w, seq) -> webhookThroughGateway("gateway", seq));
        String webhookCpu = ProcessCpu.perCall(beforeWebhooks, processes.used(), webhookGateway.calls());
        Result apiDirect = LoadLoop.run("API resolve, direct", workers, duration, (w, seq) -> resolve(identity, "d", seq));
        var beforeApi = processes.used();
        Result apiGateway = LoadLoop.run("API resolve, through gateway", workers, duration,
                (w, seq) -> resolve(gateway, "g", seq));
        String apiCpu = ProcessCpu.perCall(beforeApi, processes.used(), apiGateway.calls());

        System.out.println();
        System.out.println("inbound-gateway (" + duration.toSeconds() + " s each, " + workers
                + " workers, loopback, one gateway JVM):");
        for (Result result : new Result[]{webhookDirect, webhookGateway, apiDirect, apiGateway}) {
            System.out.println("  " + result.line());
        }
        System.out.printf("  added by the gateway, webhooks:  p50 %+.2f ms   p99 %+.2f ms%n",
                webhookGateway.p50Millis() - webhookDirect.p50Millis(), webhookGateway.p99Millis() - webhookDirect.p99Millis());
        System.out.printf("  added by the gateway, API calls: p50 %+.2f ms   p99 %+.2f ms%n",
                apiGateway.p50Millis() - apiDirect.p50Millis(), apiGateway.p99Millis() - apiDirect.p99Millis());
        System.out.printf("  through the gateway against direct: webhooks %.2fx, API calls %.2fx%n",
                webhookGateway.callsPerSecond() / webhookDirect.callsPerSecond(),
                apiGateway.callsPerSecond() / apiDirect.callsPerSecond());
        // the machine's other load changes calls per second, not the CPU a call costs
        System.out.println("  CPU per webhook through the gateway: " + webhookCpu);
        System.out.println("  CPU per API call through the gateway: " + apiCpu);
    }

    /** A signed webhook for a document of its own, so each one is new and is recorded and forwarded. */
    private int webhookThroughGateway(String prefix, long sequence) throws Exception {
        byte[] body = ("{\"doctype\": \"Item\", \"name\": \"" + prefix + "-" + sequence
                + "\", \"item_group\": \"Products\", \"modified\": \"2024-03-01 09:00:00.000001\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/hooks/" + SITE))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return expect(request, 202);
    }

    /** What the gateway hands on for a webhook, posted to the worker's intake directly (the stub in this JVM). */
    private int eventToIntake(String prefix, long sequence) throws Exception {
        String event = "{\"site\":\"" + SITE + "\",\"doctype\":\"Item\",\"name\":\"" + prefix + "-" + sequence
                + "\",\"modified\":\"2024-03-01 09:00:00.000001\",\"bodySha256\":\"" + "0".repeat(64) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/internal/v1/events"))
                .header("Authorization", "Bearer " + workerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
        try {
            return expect(request, 202);
        } catch (IOException e) {
            // the JDK client now and then sends on a pooled connection as it closes ("HTTP/1.1 header parser received
            // no bytes", about once in 100,000 calls here); the stub does nothing, so the call is made again
            return expect(request, 202);
        }
    }

    private int resolve(String base, String prefix, long sequence) throws Exception {
        String body = "{\"assign\":true,\"items\":[{\"site\":\"central\",\"doctype\":\"Item\",\"localName\":\"" + prefix
                + "-" + sequence + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/identities/resolve"))
                .header("Authorization", "Bearer " + callerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return expect(request, 200);
    }

    private static int expect(HttpRequest request, int status) throws Exception {
        HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
        }
        return 1;
    }

    private static JavaService startGateway(BenchServices services, Path root, Path jar, String identity, Peers peers)
            throws IOException {
        LocalPostgres postgres = services.postgres();
        postgres.ensureDatabase("gateway");
        int managementPort = Ports.free();
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("gateway"));
        environment.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", services.issuer().url());
        environment.put("SITESYNC_GATEWAY_CLIENT_ID", CLIENT);
        environment.put("SITESYNC_GATEWAY_CLIENT_SECRET", CLIENT_SECRET);
        // the grant goes to the stub; as a system property, because QUARKUS_OIDC_CLIENT_* also names an OIDC tenant
        environment.put("JAVA_TOOL_OPTIONS", "-Dquarkus.oidc-client.token-path=" + peers.url() + "/token");
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("QUARKUS_LOG_LEVEL", "WARN");
        environment.put("SITESYNC_GATEWAY_SITES_URL", peers.url());
        environment.put("SITESYNC_GATEWAY_WORKERS_URL", peers.url());
        environment.put("SITESYNC_GATEWAY_ROUTES_IDENTITIES_UPSTREAM", identity);
        environment.put("SITESYNC_WEBHOOK_SECRETS_BENCH", SECRET);
        // the limits are not what is measured: make them large enough never to refuse
        environment.put("SITESYNC_GATEWAY_LIMITS_CLIENT_CAPACITY", "1000000");
        environment.put("SITESYNC_GATEWAY_LIMITS_SITE_CAPACITY", "1000000");
        JavaService gateway = JavaService.start("inbound-gateway", jar, Ports.free(), root,
                Files.createTempDirectory("sitesync-bench-gateway"), environment);
        // the gateway's health is on its management port, not on the public one
        gateway.awaitReady("http://127.0.0.1:" + managementPort + "/q/health/ready", Duration.ofSeconds(120));
        return gateway;
    }

    /**
     * The gateway's peers other than identity-service, in this process on Vert.x: the site registry's list, a worker's
     * intake (202 with a receipt at once: the worker's own commit is not what is measured) and the client-credentials
     * grant.
     */
    private static final class Peers implements AutoCloseable {

        private final Vertx vertx = Vertx.vertx();
        private final HttpServer server;
        private final BenchServices services;
        private final AtomicLong eventIds = new AtomicLong();

        Peers(BenchServices services) throws Exception {
            this.services = services;
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                switch (request.path()) {
                    case "/api/v1/sites" -> answer(request, 200, "[{\"code\":\"" + SITE
                            + "\",\"status\":\"active\",\"webhookCidrs\":[\"127.0.0.1/32\"]}]");
                    case "/internal/v1/events" -> answer(request, 202, receipt());
                    case "/internal/v1/event-batches" -> {
                        List<String> receipts = new ArrayList<>();
                        new JsonArray(body).forEach(event -> receipts.add(receipt()));
                        answer(request, 202, "[" + String.join(",", receipts) + "]");
                    }
                    case "/token" -> token(request, body.toString(StandardCharsets.UTF_8));
                    default -> answer(request, 404, "{}");
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort();
        }

        private String receipt() {
            return "{\"eventId\":" + eventIds.incrementAndGet() + ",\"duplicate\":false}";
        }

        private void token(HttpServerRequest request, String form) {
            String basic = "Basic " + Base64.getEncoder()
                    .encodeToString((CLIENT + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!form.contains("client_secret=" + CLIENT_SECRET) && !basic.equals(request.getHeader("Authorization"))) {
                answer(request, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            String token = services.issuer().tokens().subject(CLIENT).roles("gateway").expiresIn(Duration.ofHours(2)).sign();
            answer(request, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":7200}");
        }

        private static void answer(HttpServerRequest request, int status, String json) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
        }

        @Override
        public void close() {
            vertx.close();
        }
    }
}
