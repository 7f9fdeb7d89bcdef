package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.Vertx;

/** The client against a stub HTTP server: what it sends, and how it reads what comes back. */
class FrappeClientTest {

    private static final String SECRET = "very-secret-value";

    private static Vertx vertx;
    private static HttpServer server;
    private static volatile Consumer<HttpServerRequest> handler;
    private static final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private final ObjectMapper mapper = new ObjectMapper();
    private FrappeClient client;

    record Recorded(String method, String path, String query, io.vertx.core.MultiMap headers, String body) {
    }

    @BeforeAll
    static void startStub() {
        vertx = Vertx.vertx();
        server = vertx.getDelegate().createHttpServer().requestHandler(request -> request.body(body -> {
            requests.add(new Recorded(request.method().name(), request.path(), request.query(), request.headers(),
                    body.result().toString()));
            handler.accept(request);
        })).listen(0).toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stopStub() {
        vertx.closeAndAwait();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
        requests.clear();
    }

    private FrappeClient client(Duration requestTimeout) {
        FrappeSite site = FrappeSite.of("http://127.0.0.1:" + server.actualPort() + "/",
                new ApiCredentials("key-1", SECRET)).withSiteName("north.example")
                .withTimeouts(Duration.ofSeconds(1), requestTimeout);
        client = FrappeClient.create(vertx, site);
        return client;
    }

    private static void answer(int status, String body) {
        handler = request -> request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body);
    }

    @Test
    void aListSendsFrappesQueryParametersAsJsonAndTheTokenHeader() {
        answer(200, "{\"data\":[{\"name\":\"SKU-001\",\"item_name\":\"Blue Mug\"}]}");

        List<ObjectNode> rows = client(Duration.ofSeconds(5)).list(ListQuery.of("Item Price").fields("name", "item_name")
                .where(Filter.eq("disabled", 0)).orderBy("creation asc").limit(40, 20)).await().indefinitely();

        Recorded sent = requests.get(0);
        assertThat(rows).extracting(row -> row.get("item_name").asText()).containsExactly("Blue Mug");
        assertThat(sent.path()).isEqualTo("/api/resource/Item%20Price");
        assertThat(decodedQuery(sent)).contains("fields=[\"name\",\"item_name\"]",
                "filters=[[\"disabled\",\"=\",0]]", "order_by=creation asc", "limit_start=40",
                "limit_page_length=20");
        assertThat(sent.headers().get("Authorization")).isEqualTo("token key-1:" + SECRET);
        assertThat(sent.headers().get("Accept")).isEqualTo("application/json");
        assertThat(sent.headers().get("X-Frappe-Site-Name")).isEqualTo("north.example");
    }

    @Test
    void anOptimisticUpdateCarriesTheExpectedModifiedInTheBody() throws Exception {
        answer(200, "{\"data\":{\"name\":\"SKU-001\",\"modified\":\"2024-01-05 10:11:13\"}}");
        ObjectNode changes = mapper.createObjectNode().put("item_name", "Red Mug");

        ObjectNode saved = client(Duration.ofSeconds(5))
                .updateIfUnchanged("Item", "SKU/001", changes, "2024-01-05 10:11:12.123456").await().indefinitely();

        Recorded sent = requests.get(0);
        assertThat(saved.get("modified").asText()).isEqualTo("2024-01-05 10:11:13");
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo("/api/resource/Item/SKU%2F001");
        assertThat(mapper.readTree(sent.body())).isEqualTo(mapper.readTree(
                "{\"item_name\":\"Red Mug\",\"modified\":\"2024-01-05 10:11:12.123456\"}"));
        assertThat(sent.headers().get("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aTimestampMismatchIsClassifiedFromTheEnvelope() {
        answer(417, "{\"exc_type\":\"TimestampMismatchError\",\"_server_messages\":\"[]\"}");

        FrappeException e = catchThrowableOfType(FrappeException.class, () -> client(Duration.ofSeconds(5))
                .update("Item", "SKU-001", mapper.createObjectNode()).await().indefinitely());

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.TIMESTAMP_MISMATCH);
        assertThat(e.status()).isEqualTo(417);
    }

    @Test
    void aRateLimitCarriesItsRetryAfter() {
        handler = request -> request.response().setStatusCode(429).putHeader("Retry-After", "3")
                .end("{\"exc_type\":\"TooManyRequestsError\"}");

        FrappeException e = catchThrowableOfType(FrappeException.class,
                () -> client(Duration.ofSeconds(5)).get("Item", "SKU-001").await().indefinitely());

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aSlowSiteTimesOutAsUnavailable() {
        handler = request -> vertx.getDelegate().setTimer(2_000, tick -> request.response().end("{}"));

        FrappeException e = catchThrowableOfType(FrappeException.class,
                () -> client(Duration.ofMillis(300)).get("Item", "SKU-001").await().indefinitely());

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(e.status()).isZero();
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client = FrappeClient.create(vertx, FrappeSite.of("http://127.0.0.1:" + closedPort,
                new ApiCredentials("key-1", SECRET)));

        FrappeException e = catchThrowableOfType(FrappeException.class,
                () -> client.loggedUser().await().indefinitely());

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("GET frappe.auth.get_logged_user");
    }

    @Test
    void aSuccessThatIsNotJsonIsUnavailable() {
        handler = request -> request.response().setStatusCode(200).end("<html>maintenance</html>");

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).get("Item", "X").await().indefinitely())
                .isInstanceOfSatisfying(FrappeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE));
    }

    @Test
    void theSecretAppearsInNoMessageOrDescription() {
        answer(401, "{\"exc_type\":\"AuthenticationError\",\"_server_messages\":\"[]\"}");

        FrappeException e = catchThrowableOfType(FrappeException.class,
                () -> client(Duration.ofSeconds(5)).loggedUser().await().indefinitely());

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(client.site().toString()).doesNotContain(SECRET).contains("key-1");
        assertThat(new WebhookSpec("Item", "on_update", "http://x", List.of("name"), SECRET, java.util.Map.of())
                .toString()).doesNotContain(SECRET);
    }

    @Test
    void countVersionsAndDeleteReadFrappesMethodEnvelopes() {
        handler = request -> {
            String body = switch (request.path()) {
                case "/api/method/frappe.client.get_count" -> "{\"message\":42}";
                case "/api/method/frappe.utils.change_log.get_versions" ->
                    "{\"message\":{\"frappe\":{\"title\":\"Frappe Framework\",\"version\":\"15.40.0\",\"branch\":\"version-15\"}}}";
                default -> "{\"data\":\"ok\"}";
            };
            request.response().setStatusCode(request.method().name().equals("DELETE") ? 202 : 200).end(body);
        };
        FrappeClient frappe = client(Duration.ofSeconds(5));

        long count = frappe.count("Item", List.of(Filter.eq("disabled", 0))).await().indefinitely();
        var versions = frappe.versions().await().indefinitely();
        frappe.delete("Item", "SKU-001").await().indefinitely();

        assertThat(count).isEqualTo(42);
        assertThat(versions.get("frappe").version()).isEqualTo("15.40.0");
        assertThat(requests.get(2).method()).isEqualTo("DELETE");
    }

    @Test
    void aStreamReadsEveryPageUntilTheSiteHasNoMore() {
        handler = request -> {
            String query = decodedQuery(requests.get(requests.size() - 1));
            String body;
            if (query.contains("\"modified\",\"=\"")) {
                body = "{\"data\":[]}";
            } else if (query.contains("\"modified\",\">\",\"2024-01-02")) {
                body = "{\"data\":[]}";
            } else if (query.contains("\"modified\",\">\"")) {
                body = "{\"data\":[{\"name\":\"B\",\"modified\":\"2024-01-02 00:00:00\"}]}";
            } else {
                body = "{\"data\":[{\"name\":\"A\",\"modified\":\"2024-01-01 00:00:00\"}]}";
            }
            request.response().end(body);
        };

        List<String> names = client(Duration.ofSeconds(5)).stream(ListQuery.of("Item"), null, 1)
                .map(row -> row.get("name").asText()).collect().asList().await().indefinitely();

        assertThat(names).containsExactly("A", "B");
    }

    private static String decodedQuery(Recorded recorded) {
        return java.net.URLDecoder.decode(recorded.query(), java.nio.charset.StandardCharsets.UTF_8);
    }

}
