package dev.sitesync.e2e;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.sitesync.e2e.check.ConsistencyChecker;
import dev.sitesync.e2e.check.ConsistencyReport;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.Progress;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackOptions;
import dev.sitesync.localstack.StackSites;
import dev.sitesync.testsupport.postgres.LocalPostgres;

/**
 * The whole stack as ./run-stack starts it (PostgreSQL, Keycloak, frappe-sim, every service as its own process), on
 * free ports with its state under target/, started once per test class and shared by its tests.
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Duration CALL = Duration.ofSeconds(60);

    final Stack stack;
    final OpsApi api;

    private RunningStack(Stack stack) {
        this.stack = stack;
        this.api = new OpsApi(stack.issuer());
    }

    static RunningStack start(String name) throws IOException {
        Files.createDirectories(ROOT.resolve("e2e/target"));
        // under target/, so the logs stay for a look after a failure
        Path state = Files.createTempDirectory(ROOT.resolve("e2e/target"), name + "-");
        Progress progress = new Progress();
        Stack stack = Stack.start(StackOptions.forTests(ROOT, state), progress);
        System.out.printf("[%s] stack ready after %.1f s%n", name, stack.readyAfter().toMillis() / 1000.0);
        return new RunningStack(stack);
    }

    FrappeClient site(String code) {
        return stack.sites().admin(code);
    }

    ConsistencyChecker checker() {
        Map<String, String> jdbc = new LinkedHashMap<>();
        StackSites.CODES.forEach(site -> jdbc.put(site, stack.jdbcUrl(Stack.workerDatabase(site))));
        return new ConsistencyChecker(new ConsistencyChecker.Sources(this::site, api,
                stack.service(Stack.IDENTITY).url(), stack.service(Stack.OWNERSHIP).url(), jdbc, LocalPostgres.USER,
                LocalPostgres.PASSWORD));
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
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(Stack.workerDatabase(site)),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
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
