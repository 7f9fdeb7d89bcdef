package dev.sitesync.worker.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.frappe.client.KeysetCursor;

/** Keyset positions per doctype and capture ("poll" or "full"), persisted after each handled page. */
@ApplicationScoped
public class Checkpoints {

    public static final String POLL = "poll";
    public static final String FULL = "full";

    private final Pool pool;

    public Checkpoints(Pool pool) {
        this.pool = pool;
    }

    /**
     * A position, whether the capture behind it has reached the end (a finished full sync), where it began, and when
     * it was saved.
     */
    public record Position(KeysetCursor cursor, boolean complete, KeysetCursor floor, Instant savedAt) {
    }

    public Uni<Optional<Position>> read(String doctype, String capture) {
        return pool.preparedQuery("""
                select modified, name, complete, floor_modified, floor_name, updated_at from checkpoint
                 where doctype = $1 and capture = $2""")
                .execute(Tuple.of(doctype, capture))
                .map(rows -> rows.size() == 0 ? Optional.<Position>empty() : Optional.of(position(rows.iterator().next())));
    }

    /** The doctypes whose full sync was started and has not reached the end. */
    public Uni<List<String>> unfinishedFullSyncs() {
        return pool.preparedQuery("select doctype from checkpoint where capture = $1 and not complete order by doctype")
                .execute(Tuple.of(FULL))
                .map(rows -> {
                    List<String> doctypes = new ArrayList<>();
                    rows.forEach(row -> doctypes.add(row.getString("doctype")));
                    return doctypes;
                });
    }

    public Uni<Void> save(String doctype, String capture, KeysetCursor cursor, boolean complete) {
        return save(pool, doctype, capture, cursor, complete);
    }

    /** Saves the position on the given client (a connection: inside the transaction that checks the lease). */
    public Uni<Void> save(SqlClient client, String doctype, String capture, KeysetCursor cursor, boolean complete) {
        return client.preparedQuery("""
                insert into checkpoint (doctype, capture, modified, name, complete, floor_modified, floor_name)
                values ($1, $2, $3, $4, $5, $3, $4)
                on conflict (doctype, capture) do update
                   set modified = excluded.modified, name = excluded.name, complete = excluded.complete, updated_at = now()""")
                .execute(Tuple.of(doctype, capture, cursor == null ? "" : cursor.modified(),
                        cursor == null ? "" : cursor.name(), complete))
                .replaceWithVoid();
    }

    private static Position position(Row row) {
        KeysetCursor cursor = row.getString("modified").isEmpty()
                ? null
                : new KeysetCursor(row.getString("modified"), row.getString("name"));
        KeysetCursor floor = row.getString("floor_modified").isEmpty()
                ? null
                : new KeysetCursor(row.getString("floor_modified"), row.getString("floor_name"));
        return new Position(cursor, row.getBoolean("complete"), floor, row.getOffsetDateTime("updated_at").toInstant());
    }
}
