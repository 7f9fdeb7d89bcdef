package dev.sitesync.guard.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;

/**
 * frappe-sim as a child JVM on its own database of this JVM's PostgreSQL, serving one site: the real simulator, as the
 * local stack runs it. It must have been packaged ({@code ./mvnw -f frappe-sim/pom.xml package -DskipTests}).
 */
final class FrappeSimProcess {

    private static final Path RUNNER = Path.of("../frappe-sim/target/quarkus-app/quarkus-run.jar");

    private final JavaService service;
    private final Path credentials;
    private final String site;

    private FrappeSimProcess(JavaService service, Path credentials, String site) {
        this.service = service;
        this.credentials = credentials;
        this.site = site;
    }

    static FrappeSimProcess start(String site) {
        if (!Files.exists(RUNNER)) {
            throw new IllegalStateException(RUNNER.toAbsolutePath() + " is missing; package frappe-sim first: "
                    + "./mvnw -f frappe-sim/pom.xml package -DskipTests");
        }
        TestDatabase database = TestPostgres.server().createDatabase("frappe_sim");
        Path target = Path.of("target").toAbsolutePath();
        Path credentials = target.resolve("frappe-sim-credentials.json");
        JavaService service = JavaService.start("frappe-sim", RUNNER.toAbsolutePath(), Ports.free(), target, target,
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME", database.user(),
                        "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                        "FRAPPE_SIM_SITES", site,
                        "FRAPPE_SIM_ADMIN_ENABLED", "true",
                        "FRAPPE_SIM_CREDENTIALS_FILE", credentials.toString()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "frappe-sim-stop"));
        service.awaitReady(Duration.ofSeconds(120));
        return new FrappeSimProcess(service, credentials, site);
    }

    String baseUrl() {
        return service.url();
    }

    /** The site's Administrator key, from the credentials file the simulator writes once it listens. */
    ApiCredentials administrator() {
        try {
            JsonNode admin = new ObjectMapper().readTree(credentials.toFile()).path("sites").path(site).path("admin");
            return new ApiCredentials(admin.path("apiKey").asText(), admin.path("apiSecret").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("frappe-sim wrote no readable credentials to " + credentials, e);
        }
    }
}
