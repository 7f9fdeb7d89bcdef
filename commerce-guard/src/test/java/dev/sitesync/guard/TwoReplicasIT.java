package dev.sitesync.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.guard.site.ShopSite;
import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;

/**
 * Two commerce-guard replicas, the packaged application twice, on one database and one site: concurrent creations of
 * one order under one Idempotency-Key, sent to both, create one Sales Order; both replicas schedule the site's audit
 * every ten seconds, and each slot is audited once.
 */
class TwoReplicasIT {

    private static final Logger LOG = Logger.getLogger(TwoReplicasIT.class);
    private static final Path RUNNER = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String CALLER = "replicashop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static final List<JavaService> replicas = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() {
        ShopSite site = ShopSite.shared();
        database = TestPostgres.server().createDatabase("guard_replicas");
        Path logs = Path.of("target").toAbsolutePath();
        for (String name : List.of("guard-a", "guard-b")) {
            replicas.add(JavaService.start(name, RUNNER.toAbsolutePath(), Ports.free(), logs, logs,
                    environment(site)));
        }
        replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(180)));
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(JavaService::close);
    }

    @Test
    void concurrentCreationsOfOneOrderUnderOneKeyOnBothReplicasCreateOneSalesOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String poNo = "po-replicas-" + key;
        String body = JSON.writeValueAsString(OrderJson.order().with("po_no", poNo).request());
        String token = LocalIssuer.shared().token(CALLER, "storefront");
        ExecutorService senders = Executors.newFixedThreadPool(10);
        List<Callable<HttpResponse<String>>> creations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            JavaService replica = replicas.get(i % 2);
            creations.add(() -> HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/api/v1/orders"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : senders.invokeAll(creations)) {
            answers.add(answer.get());
        }
        senders.shutdown();

        List<String> names = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            JsonNode created = JSON.readTree(answer.body());
            names.add(created.path("salesOrder").path("name").asText());
        }
        int onSite = ShopSite.shared().list("Sales Order", Filter.eq("po_no", poNo)).size();
        LOG.infof("Two replicas, 10 concurrent creations under one Idempotency-Key: statuses %s, %d Sales Order(s)",
                answers.stream().map(HttpResponse::statusCode).toList(), onSite);
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(names).containsOnly(names.get(0));
        assertThat(onSite).isEqualTo(1);
    }

    @Test
    void bothReplicasScheduleTheAuditAndEachSlotIsAuditedOnce() throws SQLException {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> runsPerSlot().size() >= 3);

        Map<String, Integer> perSlot = runsPerSlot();
        LOG.infof("Two replicas auditing every 10 s: runs per slot %s", perSlot);
        assertThat(perSlot.values()).containsOnly(1);
    }

    private static Map<String, Integer> runsPerSlot() throws SQLException {
        Map<String, Integer> perSlot = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select slot::text, count(*) from audit_run where trigger = 'schedule' and site = 'shop'
                        group by slot""")) {
            while (rows.next()) {
                perSlot.put(rows.getString(1), rows.getInt(2));
            }
        }
        return perSlot;
    }

    private static Map<String, String> environment(ShopSite site) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", LocalIssuer.shared().url());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE);
        environment.put("GUARD_SITES_SHOP_URL", site.url());
        environment.put("GUARD_SITES_SHOP_SITE_NAME", ShopSite.CODE);
        environment.put("GUARD_SITES_SHOP_API_KEY", ShopSite.GUARD_KEY);
        environment.put("GUARD_SITES_SHOP_API_SECRET", ShopSite.GUARD_SECRET);
        environment.put("GUARD_SITES_SHOP_CALLERS_" + CALLER.toUpperCase(), ShopSite.COMPANY);
        environment.put("GUARD_SITES_SHOP_AUDIT_CRON", "0/10 * * * * ?");
        environment.put("GUARD_KPIS_CRON", "off");
        return environment;
    }
}
