package dev.sitesync.ownership.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of {@code policy_revision}: append-only, so a revision is inserted once and never changed. */
@ApplicationScoped
public class PolicyRevisions {

    private static final String COLUMNS = "version, author, reason, created_at, document, diff::text as diff, file_sha256";

    // Inserts only the version right after the latest; two callers proposing the same version collide on the
    // primary key and the second inserts nothing (it waits for the first to commit, then skips).
    private static final String APPEND = """
            insert into policy_revision (version, author, reason, document, diff, file_sha256)
            select $1, $2, $3, $4, $5, $6
            where coalesce((select max(version) from policy_revision), 0) = $1 - 1
            on conflict (version) do nothing
            returning created_at""";

    private final Pool pool;

    public PolicyRevisions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredRevision>> latest(SqlClient client) {
        return client.query("select " + COLUMNS + " from policy_revision order by version desc limit 1").execute()
                .map(rows -> first(rows, true));
    }

    public Uni<Optional<StoredRevision>> latest() {
        return latest(pool);
    }

    public Uni<Optional<StoredRevision>> find(int version) {
        return pool.preparedQuery("select " + COLUMNS + " from policy_revision where version = $1")
                .execute(Tuple.of(version)).map(rows -> first(rows, true));
    }

    /** Every revision, newest first, without their documents. */
    public Uni<List<StoredRevision>> list() {
        return pool.query("select " + COLUMNS + " from policy_revision order by version desc").execute()
                .map(rows -> {
                    List<StoredRevision> revisions = new ArrayList<>();
                    rows.forEach(row -> revisions.add(toRevision(row, false)));
                    return revisions;
                });
    }

    /** Appends a revision with the given version: its time, or empty when that version is taken or not the next. */
    public Uni<Optional<OffsetDateTime>> append(SqlClient client, int version, String author, String reason, String document,
            String diffJson, String fileSha256) {
        return client.preparedQuery(APPEND)
                .execute(Tuple.from(new Object[]{version, author, reason, document, new JsonArray(diffJson), fileSha256}))
                .map(rows -> rows.size() == 1
                        ? Optional.of(rows.iterator().next().getOffsetDateTime("created_at"))
                        : Optional.empty());
    }

    private static Optional<StoredRevision> first(RowSet<Row> rows, boolean withDocument) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toRevision(rows.iterator().next(), withDocument));
    }

    private static StoredRevision toRevision(Row row, boolean withDocument) {
        return new StoredRevision(row.getInteger("version"), row.getString("author"), row.getString("reason"),
                row.getOffsetDateTime("created_at"), withDocument ? row.getString("document") : null,
                row.getString("diff"), row.getString("file_sha256"));
    }
}
