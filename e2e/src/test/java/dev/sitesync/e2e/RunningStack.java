package dev.sitesync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.sitesync.e2e.check.ConsistencyChecker;
import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.localstack.ExternalIssuer;
import dev.sitesync.localstack.Issuer;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.Progress;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackOptions;
import dev.sitesync.localstack.StackSites;
import dev.sitesync.stack.postgres.LocalPostgres;

/**
 * The whole stack as ./run-stack starts it (PostgreSQL, Keycloak, frappe-sim, every service as its own process), on
 * free ports with its state under target/, started once per run and shared by every class ({@link SharedStack}) but
 * {@code FaultIT}, which runs beside them on a stack of its own.
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Duration CALL = Duration.ofSeconds(60);

    /** The stack's clients at Keycloak, by the role their tokens carry. */
    static final String ADMIN = "ops-admin";
    static final String SRE = "ops-sre";
    static final String AUDITOR = "ops-auditor";
    static final String GATEWAY = "inbound-gateway";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Stack stack;
    final OpsApi api;

    private RunningStack(Stack stack) {
        this.stack = stack;
        this.api = new OpsApi(stack.issuer());
    }

    static RunningStack start(String name) {
        return start(name, StackOptions::forTests);
    }

    /** A second stack beside the shared one, using its Keycloak (not stopped when this stack closes). */
    static RunningStack startBeside(String name, RunningStack shared) {
        Issuer issuer = ExternalIssuer.borrowing(shared.stack.issuer());
        return start(name, (root, state) -> StackOptions.forTests(root, state).withIssuer(issuer));
    }

    private static RunningStack start(String name, BiFunction<Path, Path, StackOptions> options) {
        Path state;
        try {
            Files.createDirectories(ROOT.resolve("e2e/target"));
            // under target/, so the logs stay for a look after a failure
            state = Files.createTempDirectory(ROOT.resolve("e2e/target"), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress progress = new Progress();
        Stack stack = Stack.start(options.apply(ROOT, state), progress);
        System.out.printf("[%s] stack ready after %.1f s%n", name, stack.readyAfter().toMillis() / 1000.0);
        return new RunningStack(stack);
    }

    /** A current token of one of the stack's clients (a worker's is {@code worker-<site>}). */
    String token(String client) {
        return stack.issuer().token(client);
    }

    static String workerClient(String site) {
        return "worker-" + site;
    }

    String workerUrl(String site) {
        return stack.worker(site).url();
    }

    String identityUrl() {
        return stack.service(Stack.IDENTITY).url();
    }

    /**
     * Sends the gateway a webhook for a site's document as the site does (its body, signed with the site's secret) and
     * returns the gateway's answer ({@code outcome} in its body when taken).
     */
    OpsApi.Answer sendWebhook(String site, String doctype, String name, String modified) {
        byte[] body = object().put("doctype", doctype).put("name", name).put("modified", modified).toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/hooks/" + site))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(StackSites.webhookSecret(site), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return OpsApi.Answer.of(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A connection to one of the stack's databases ({@code worker_north}, {@code frappe_sim}, ...) as its owner. */
    Connection sql(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Puts a fault on one frappe-sim site (its admin API: latency, a share of errors, an outage, ...). */
    void fault(String site, String plan) {
        OpsApi.Answer answer = api.call("PUT", sim() + "/admin/faults/" + site, plan, SRE);
        if (answer.status() != 200) {
            throw new IllegalStateException("frappe-sim refused the fault " + plan + ": " + answer.body());
        }
    }

    /** Whether a fault plan is still in force on the site (one with an end is over by itself). */
    boolean faultInForce(String site) {
        JsonNode plan = api.get(sim() + "/admin/faults/" + site, SRE);
        return plan.path("error_rate").asDouble() > 0 || plan.path("outage").asBoolean()
                || plan.path("latency_ms").asLong() > 0;
    }

    void clearFault(String site) {
        api.call("DELETE", sim() + "/admin/faults/" + site, "", SRE);
    }

    /** Sets a frappe-sim site's clock or time zone ({@code time_zone}, {@code at}, {@code frozen}). */
    void clock(String site, String setting) {
        OpsApi.Answer answer = api.call("PUT", sim() + "/admin/clock/" + site, setting, SRE);
        if (answer.status() != 200) {
            throw new IllegalStateException("frappe-sim refused the clock " + setting + ": " + answer.body());
        }
    }

    /** The time zone the site names in its System Settings. */
    String timeZone(String site) {
        return api.get(sim() + "/admin/clock/" + site, SRE).path("time_zone").asText();
    }

    /** Hands the site's clock back to the machine's, in the given zone. */
    void resetClock(String site, String zone) {
        api.call("DELETE", sim() + "/admin/clock/" + site, "", SRE);
        clock(site, "{\"time_zone\": \"" + zone + "\"}");
    }

    /** How many requests of each kind a site answered since its counters were last reset. */
    JsonNode requests(String site) {
        return api.get(sim() + "/admin/requests/" + site, SRE);
    }

    void resetRequests(String site) {
        api.call("DELETE", sim() + "/admin/requests/" + site, "", SRE);
    }

    /** Gives the site's sync user a new API secret, as a site's System Manager can; answers the user's name. */
    String rotateSyncSecret(String site) throws Exception {
        String user = syncUser(site);
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.sites().baseUrl(site)
                        + "/api/method/frappe.core.doctype.user.user.generate_keys"))
                        .header("Authorization", "token " + stack.sites().apiKey(site, "admin") + ":"
                                + stack.sites().apiSecret(site, "admin"))
                        .header("X-Frappe-Site-Name", stack.sites().siteName(site))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(object().put("user", user).toString()))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("generate_keys refused: " + answer.body());
        }
        return user;
    }

    /** Gives the site's sync user back the secret its worker holds. */
    void restoreSyncSecret(String site) {
        site(site).update("User", syncUser(site), object().put("api_secret",
                stack.sites().apiSecret(site, "sync"))).await().atMost(CALL);
    }

    private String syncUser(String site) {
        return site(site).list(dev.sitesync.frappe.client.ListQuery.of("User").fields("name")
                .where(Filter.eq("api_key", stack.sites().apiKey(site, "sync")))).await().atMost(CALL).get(0)
                .path("name").asText();
    }

    /** Removes a field from a doctype's meta on one frappe-sim site, as a customisation on that site would. */
    void removeField(String site, String doctype, String field) {
        OpsApi.Answer answer = api.call("DELETE", sim() + "/admin/meta/" + site + "/" + encode(doctype) + "/fields/"
                + field, "", SRE);
        if (answer.status() != 200) {
            throw new IllegalStateException("frappe-sim refused to remove " + field + ": " + answer.body());
        }
    }

    /** Gives the doctype its standard meta back on the site. */
    void restoreMeta(String site, String doctype) {
        api.call("DELETE", sim() + "/admin/meta/" + site + "/" + encode(doctype), "", SRE);
    }

    /** A sample's value from a worker's Prometheus endpoint, 0 when absent. */
    double metric(String site, String sample) {
        String text = io.restassured.RestAssured.given().when().get(workerUrl(site) + "/q/metrics").then()
                .statusCode(200).extract().asString();
        // the value is the first field after the sample; an exemplar ("# {trace_id=...} ...") may follow it
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim().split("\\s+")[0]))
                .orElse(0.0);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String sim() {
        return stack.service(Stack.FRAPPE).url();
    }

    /** A worker's status view, as an SRE reads it. */
    JsonNode status(String site) {
        return api.get(workerUrl(site) + "/ops/v1/status", SRE);
    }

    FrappeClient site(String code) {
        return stack.sites().admin(code);
    }

    ConsistencyChecker checker() {
        Map<String, String> jdbc = new LinkedHashMap<>();
        StackSites.CODES.forEach(site -> jdbc.put(site, stack.jdbcUrl(Stack.workerDatabase(site))));
        return new ConsistencyChecker(new ConsistencyChecker.Sources(api, stack.service(Stack.OWNERSHIP).url(),
                this::workerUrl, jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD));
    }

    ConsistencyReport check(String doctype, String prefix) {
        return checker().check(new ConsistencyChecker.Scope(Set.of(doctype), prefix));
    }

    /** Inserts the documents on the site, eight at a time, as busy users would. */
    void insertAll(String site, String doctype, List<ObjectNode> documents) {
        FrappeClient client = site(site);
        Multi.createFrom().iterable(documents).onItem().transformToUni(doc -> client.insert(doctype, doc)).merge(8)
                .collect().asList().await().atMost(Duration.ofMinutes(10));
    }

    long count(String site, String doctype, Filter... filters) {
        return site(site).count(doctype, List.of(filters)).await().atMost(CALL);
    }

    /** A count from a worker's database (its sync log, its intake), read as an auditor would. */
    long workerCount(String site, String sql) throws SQLException {
        try (Connection connection = sql(Stack.workerDatabase(site));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static ObjectNode item(String code, String name) {
        return object().put("item_code", code).put("item_name", name).put("item_group", "All Item Groups")
                .put("stock_uom", "Nos").put("is_stock_item", 1);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void close() {
        stack.close();
    }
}
