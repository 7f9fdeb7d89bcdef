package dev.sitesync.frappe.sim.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One PostgreSQL schema per site, {@code site_<code>}, holding the site's documents as JSON (one table for all
 * doctypes, as Frappe's meta is data here too), its naming series counters and its settings.
 */
@ApplicationScoped
public class SiteSchemas {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private final DataSource dataSource;

    public SiteSchemas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String schemaOf(String siteCode) {
        if (!CODE.matcher(siteCode).matches()) {
            throw new IllegalArgumentException("A site code is lowercase letters, digits and _: " + siteCode);
        }
        return "site_" + siteCode;
    }

    /** Creates the site's schema and tables; true when they did not exist before. */
    public boolean create(String siteCode) throws SQLException {
        String schema = schemaOf(siteCode);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            boolean existed = exists(connection, schema);
            statement.execute("create schema if not exists " + schema);
            statement.execute("""
                    create table if not exists %1$s.document (
                        doctype text not null,
                        name text collate "C" not null,
                        creation timestamp(6) not null,
                        modified timestamp(6) not null,
                        docstatus smallint not null default 0,
                        data jsonb not null,
                        primary key (doctype, name))""".formatted(schema));
            statement.execute("create index if not exists document_modified on %s.document (doctype, modified, name)"
                    .formatted(schema));
            statement.execute("create index if not exists document_creation on %s.document (doctype, creation, name)"
                    .formatted(schema));
            statement.execute("create table if not exists %s.series (name text primary key, current bigint not null)"
                    .formatted(schema));
            statement.execute("create table if not exists %s.setting (key text primary key, value jsonb not null)"
                    .formatted(schema));
            connection.commit();
            return !existed;
        }
    }

    public List<String> existingSites() throws SQLException {
        List<String> sites = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select schema_name from information_schema.schemata where schema_name like 'site\\_%'")) {
            while (rows.next()) {
                sites.add(rows.getString(1).substring("site_".length()));
            }
        }
        return sites;
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        try (var statement = connection.prepareStatement(
                "select 1 from information_schema.tables where table_schema = ? and table_name = 'document'")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
