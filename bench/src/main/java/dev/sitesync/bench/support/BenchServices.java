package dev.sitesync.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;

/**
 * Real services for a benchmark, started as the local stack starts them: a fresh embedded PostgreSQL, an OIDC issuer,
 * and each service as a child JVM on a free port. Closing stops them all.
 */
public final class BenchServices implements AutoCloseable {

    private final Path root;
    private final Path state;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final LocalPostgres postgres;
    private final LocalIssuer issuer;
    private final Map<String, JavaService> started = new java.util.LinkedHashMap<>();

    public BenchServices() throws IOException {
        root = Path.of("").toAbsolutePath();
        state = Files.createTempDirectory("sitesync-bench");
        postgres = LocalPostgres.start(state.resolve("postgres"), Ports.free());
        running.push(postgres);
        issuer = LocalIssuer.startSeparate();
        running.push(issuer);
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /** Starts a service on a free port with its own database; returns its base URL once it is ready. */
    public String start(String module, String database, Map<String, String> extraEnvironment) throws IOException {
        JavaService service = launch(module, module, Ports.free(), database, extraEnvironment);
        service.awaitReady(Duration.ofSeconds(120));
        return service.url();
    }

    /**
     * Starts a service under its own name on a given port (for services that must know each other's URLs before
     * they start) without waiting for it; it is stopped on close like the others.
     */
    public JavaService launch(String name, String module, int port, String database, Map<String, String> extraEnvironment)
            throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; run ./mvnw package -DskipTests first.");
        }
        postgres.ensureDatabase(database);
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url(),
                "QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE,
                "QUARKUS_LOG_LEVEL", "WARN"));
        environment.putAll(extraEnvironment);
        JavaService service = JavaService.start(name, jar, port, root, state.resolve("logs"), environment);
        running.push(service);
        started.put(name, service);
        return service;
    }

    /** The PostgreSQL server's process (its postmaster), from the first line of its pid file. */
    public long postgresPid() throws IOException {
        return Long.parseLong(Files.readAllLines(state.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }

    /** Transactions committed or rolled back so far in each database, from PostgreSQL's statistics. */
    public Map<String, Long> transactions() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
                ResultSet rows = connection.createStatement().executeQuery(
                        "select datname, xact_commit + xact_rollback from pg_stat_database where datname is not null")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's statistics: " + e.getMessage(), e);
        }
        return counts;
    }

    /**
     * CPU time of PostgreSQL's backends so far, per database: each backend serves one connection to one database. Only
     * backends still connected count, so read it where the services' connection pools hold their connections.
     */
    public Map<String, Duration> postgresCpuByDatabase() {
        Map<String, Duration> cpu = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER,
                LocalPostgres.PASSWORD);
                ResultSet rows = connection.createStatement().executeQuery(
                        "select pid, datname from pg_stat_activity where datname is not null")) {
            while (rows.next()) {
                cpu.merge(rows.getString(2), CpuTime.ofPid(rows.getLong(1)), Duration::plus);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's backends: " + e.getMessage(), e);
        }
        return cpu;
    }

    /** Every service started so far, by name, for reading their CPU time. */
    public Map<String, JavaService> started() {
        return Map.copyOf(started);
    }

    /** Where this run keeps its database, credentials and logs. */
    public Path state() {
        return state;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }
}
