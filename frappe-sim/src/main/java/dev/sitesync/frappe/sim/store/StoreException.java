package dev.sitesync.frappe.sim.store;

import java.sql.SQLException;

/** A database failure; the API answers it as Frappe answers an unexpected exception (500). */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
