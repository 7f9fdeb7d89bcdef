package dev.sitesync.frappe.sim.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs work in one transaction on a site's schema; commits when it returns, rolls back when it throws. */
@ApplicationScoped
public class Transactions {

    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public Transactions(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public <T> T inSite(String siteCode, Function<SiteTx, T> work) {
        String schema = SiteSchemas.schemaOf(siteCode);
        for (int attempt = 1;; attempt++) {
            try {
                return once(schema, work);
            } catch (StoreException e) {
                // Frappe retries nothing here either, but a deadlock between two inserts touching one Bin is ours
                if (!DEADLOCK.equals(e.sqlState()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private <T> T once(String schema, Function<SiteTx, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new SiteTx(connection, schema, mapper));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
