package dev.sitesync.frappe.sim.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postgresql.util.PSQLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.engine.Timestamps;

/** One transaction on one site's schema: every SQL statement on documents and counters, in one place. */
public final class SiteTx {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;
    private final String schema;
    private final ObjectMapper mapper;

    SiteTx(Connection connection, String schema, ObjectMapper mapper) {
        this.connection = connection;
        this.schema = schema;
        this.mapper = mapper;
    }

    public String schema() {
        return schema;
    }

    public Optional<StoredDocument> load(String doctype, String name, boolean forUpdate) {
        String sql = "select docstatus, data from " + schema + ".document where doctype = ? and name = ?"
                + (forUpdate ? " for update" : "");
        List<StoredDocument> found = query(sql, List.of(doctype, name), rows -> {
            ObjectNode data = (ObjectNode) mapper.readTree(rows.getString(2));
            return new StoredDocument(doctype, name, rows.getInt(1), data.path("modified").asText(), data);
        });
        return found.stream().findFirst();
    }

    public Optional<Integer> docstatus(String doctype, String name) {
        return query("select docstatus from " + schema + ".document where doctype = ? and name = ?",
                List.of(doctype, name), rows -> rows.getInt(1)).stream().findFirst();
    }

    /** Inserts a new document; false when one of that doctype and name already exists. */
    public boolean insert(String doctype, String name, LocalDateTime creation, LocalDateTime modified, int docstatus,
            ObjectNode data) {
        try (PreparedStatement statement = connection.prepareStatement("insert into " + schema
                + ".document (doctype, name, creation, modified, docstatus, data) values (?, ?, ?, ?, ?, ?::jsonb)")) {
            statement.setString(1, doctype);
            statement.setString(2, name);
            statement.setTimestamp(3, Timestamp.valueOf(creation));
            statement.setTimestamp(4, Timestamp.valueOf(modified));
            statement.setInt(5, docstatus);
            statement.setString(6, json(data));
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                refusedByUniqueIndex(e);
                return false;
            }
            throw new StoreException(e);
        }
    }

    public void update(String doctype, String name, int docstatus, ObjectNode data) {
        try {
            execute("update " + schema + ".document set modified = ?, docstatus = ?, data = ?::jsonb"
                    + " where doctype = ? and name = ?",
                    List.of(Timestamp.valueOf(Timestamps.parse(
                            data.path("modified").asText())), docstatus, json(data), doctype, name));
        } catch (StoreException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                refusedByUniqueIndex((SQLException) e.getCause());
            }
            throw e;
        }
    }

    /** A {@link UniqueViolation} when one of the doctypes' unique indexes (not the primary key) refused the row. */
    private static void refusedByUniqueIndex(SQLException e) {
        if (e instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
            String constraint = postgres.getServerErrorMessage().getConstraint();
            if (constraint != null && constraint.startsWith("uq_")) {
                throw new UniqueViolation(constraint);
            }
        }
    }

    public void delete(String doctype, String name) {
        execute("delete from " + schema + ".document where doctype = ? and name = ?", List.of(doctype, name));
    }

    /** The next value of a naming series counter; the row lock serialises concurrent inserts of one series. */
    public long nextInSeries(String prefix) {
        return query("insert into " + schema + ".series (name, current) values (?, 1) on conflict (name)"
                + " do update set current = series.current + 1 returning current", List.of(prefix),
                rows -> rows.getLong(1)).get(0);
    }

    public boolean exists(String doctype, String name) {
        return !query("select 1 from " + schema + ".document where doctype = ? and name = ?", List.of(doctype, name),
                rows -> 1).isEmpty();
    }

    /** Documents whose JSON is read by the given SQL (its first column is {@code data}). */
    public List<ObjectNode> documents(String sql, List<Object> parameters) {
        return query(sql, parameters, rows -> (ObjectNode) mapper.readTree(rows.getString(1)));
    }

    public <T> List<T> query(String sql, List<Object> parameters, RowReader<T> reader) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(reader.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored document is not JSON", e);
        }
    }

    public int execute(String sql, List<Object> parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof List<?> values) {
                // lists are bound as text arrays; the SQL casts them to the column's type
                statement.setArray(i + 1, connection.createArrayOf("text", values.stream().map(String::valueOf)
                        .toArray()));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
        return statement;
    }

    private String json(ObjectNode data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A document cannot be written as JSON", e);
        }
    }

    @FunctionalInterface
    public interface RowReader<T> {

        T read(ResultSet row) throws SQLException, JsonProcessingException;
    }
}
