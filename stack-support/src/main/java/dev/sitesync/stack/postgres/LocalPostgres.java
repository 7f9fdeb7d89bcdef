package dev.sitesync.stack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL 18 on a chosen port whose data directory is kept between runs (the local stack's), one
 * database per service.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static LocalPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "400")
                    .start();
            return new LocalPostgres(postgres);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " (" + e.getMessage()
                    + "); if another stack is running stop it, or run ./run-stack --fresh to start from scratch.", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery(); Statement create = admin.createStatement()) {
                if (!rows.next()) {
                    create.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
