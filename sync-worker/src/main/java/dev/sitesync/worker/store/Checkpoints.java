package dev.sitesync.worker.store;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
     * A position, whether the capture behind it has reached the end (a finished full sync), and where it began.
     */
    public record Position(KeysetCursor cursor, boolean complete, KeysetCursor floor) {
    }

    public Uni<Optional<Position>> read(String doctype, String capture) {
        return pool.preparedQuery("""
                select modified, name, complete, floor_modified, floor_name from checkpoint
                 where doctype = $1 and capture = $2""")
                .execute(Tuple.of(doctype, capture))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    KeysetCursor cursor = row.getString("modified").isEmpty()
                            ? null
                            : new KeysetCursor(row.getString("modified"), row.getString("name"));
                    KeysetCursor floor = row.getString("floor_modified").isEmpty()
                            ? null
                            : new KeysetCursor(row.getString("floor_modified"), row.getString("floor_name"));
                    return Optional.of(new Position(cursor, row.getBoolean("complete"), floor));
                });
    }

    public Uni<Void> save(String doctype, String capture, KeysetCursor cursor, boolean complete) {
        return pool.preparedQuery("""
                insert into checkpoint (doctype, capture, modified, name, complete, floor_modified, floor_name)
                values ($1, $2, $3, $4, $5, $3, $4)
                on conflict (doctype, capture) do update
                   set modified = excluded.modified, name = excluded.name, complete = excluded.complete, updated_at = now()""")
                .execute(Tuple.of(doctype, capture, cursor == null ? "" : cursor.modified(),
                        cursor == null ? "" : cursor.name(), complete))
                .replaceWithVoid();
    }
}
