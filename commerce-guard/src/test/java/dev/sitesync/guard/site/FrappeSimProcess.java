package dev.sitesync.guard.site;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;

/**
 * frappe-sim as a child JVM, on its own database of this JVM's PostgreSQL, serving one site: the real simulator, as
 * the local stack runs it. It must have been packaged ({@code ./mvnw -f frappe-sim/pom.xml package -DskipTests}).
 */
final class FrappeSimProcess implements AutoCloseable {

    static final String RUNNER_PROPERTY = "frappe-sim.runner";
    private static final Path DEFAULT_RUNNER = Path.of("../frappe-sim/target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final String baseUrl;
    private final TestDatabase database;
    private final String site;

    private FrappeSimProcess(Process process, String baseUrl, TestDatabase database, String site) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.database = database;
        this.site = site;
    }

    static FrappeSimProcess start(String site) {
        Path runner = Path.of(System.getProperty(RUNNER_PROPERTY, DEFAULT_RUNNER.toString()));
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner.toAbsolutePath() + " is missing; package frappe-sim first: "
                    + "./mvnw -f frappe-sim/pom.xml package -DskipTests");
        }
        TestDatabase database = TestPostgres.server().createDatabase("frappe_sim");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", runner.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "frappe-sim.log").toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "FRAPPE_SIM_SITES", site,
                // seeds the masters every site has: _Test Company, its Stores warehouse, groups, territories, UOMs
                "FRAPPE_SIM_SEED_ITEMS", "1"));
        try {
            Files.createDirectories(Path.of("target"));
            FrappeSimProcess sim = new FrappeSimProcess(builder.start(), "http://127.0.0.1:" + port, database, site);
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "frappe-sim-stop"));
            sim.awaitReady(Duration.ofSeconds(90));
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start frappe-sim from " + runner, e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * The site's Administrator key. frappe-sim does not write its credentials file yet, so the key is read where the
     * simulator keeps it: the User document in the site's schema.
     */
    ApiCredentials administrator() {
        String sql = "select data->>'api_key', data->>'api_secret' from site_" + site
                + ".document where doctype = 'User' and data->>'name' = 'Administrator'";
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("frappe-sim created no Administrator on site " + site);
            }
            return new ApiCredentials(row.getString(1), row.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the Administrator key of site " + site, e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(baseUrl + "/api/method/ping"))
                .header("X-Frappe-Site-Name", site).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("frappe-sim exited with " + process.exitValue()
                        + "; see target/frappe-sim.log");
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for frappe-sim", e);
            }
            sleep();
        }
        throw new IllegalStateException("frappe-sim was not ready within " + timeout + "; see target/frappe-sim.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
