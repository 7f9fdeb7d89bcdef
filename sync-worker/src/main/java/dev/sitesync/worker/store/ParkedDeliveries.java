package dev.sitesync.worker.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * Outbox rows parked for an operator (refused by the consumer's worker, or failing longer than the retry age), and what
 * operators decide about them: retry (due again, its age counted afresh) or discard (never delivered), each a
 * {@link Decision}.
 */
@ApplicationScoped
public class ParkedDeliveries {

    private static final String COLUMNS = """
            id, consumer, external_id, doctype, envelope ->> 'sourceName' as source_name, version, content_hash, status,
            attempts, last_error, created_at""";

    /** One delivery, as operators see it. */
    public record View(long id, String peer, UUID externalId, String doctype, String sourceName, String version,
            String status, int attempts, String lastError, OffsetDateTime createdAt) {
    }

    /** Which parked deliveries to list, newest first, before an ID (the previous page's last). */
    public record Query(String doctype, String peer, Long before, int limit) {
    }

    private final Pool pool;
    private final SyncLog log;
    private final WorkerConfig config;

    public ParkedDeliveries(Pool pool, SyncLog log, WorkerConfig config) {
        this.pool = pool;
        this.log = log;
        this.config = config;
    }

    public Uni<List<View>> page(Query query) {
        return pool.preparedQuery("select " + COLUMNS + " from outbox where status = 'PARKED'"
                + " and ($1::text is null or doctype = $1) and ($2::text is null or consumer = $2)"
                + " and ($3::bigint is null or id < $3) order by id desc limit $4")
                .execute(Tuple.of(query.doctype(), query.peer(), query.before(), query.limit()))
                .map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    /** Which parked deliveries a bulk action takes: any of the fields may be null (not filtered on). */
    public record Selection(String doctype, String peer, OffsetDateTime from, OffsetDateTime to) {
    }

    /** The IDs of the parked deliveries selected, oldest first (the lane's order), at most {@code limit}. */
    public Uni<List<Long>> select(Selection selection, int limit) {
        return pool.preparedQuery("""
                select id from outbox where status = 'PARKED' and ($1::text is null or doctype = $1)
                   and ($2::text is null or consumer = $2) and ($3::timestamptz is null or created_at >= $3)
                   and ($4::timestamptz is null or created_at < $4) order by id limit $5""")
                .execute(Tuple.from(new Object[]{selection.doctype(), selection.peer(), selection.from(),
                        selection.to(), limit}))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** Due again at once, with a fresh set of attempts. */
    public Uni<Decision<View>> retry(long id, String operator, String reason) {
        return decide(id, """
                update outbox set status = 'PENDING', attempts = 0, first_failed_at = null, next_attempt_at = now()
                 where id = $1 and status = 'PARKED' returning id""", operator, reason, SyncStatus.DELIVERY_RETRIED,
                connection -> Uni.createFrom().voidItem());
    }

    /**
     * Never delivered. The consumer's record of what it received is dropped when it names this envelope, so the
     * document's next capture sends its content again instead of taking it as already sent.
     */
    public Uni<Decision<View>> discard(long id, String operator, String reason) {
        return decide(id, "update outbox set status = 'DISCARDED' where id = $1 and status = 'PARKED' returning id",
                operator, reason, SyncStatus.DELIVERY_DISCARDED, connection -> connection.preparedQuery("""
                        delete from sent_state s using outbox o
                         where o.id = $1 and s.external_id = o.external_id and s.consumer = o.consumer
                           and s.content_hash = o.content_hash""").execute(Tuple.of(id)).replaceWithVoid());
    }

    private Uni<Decision<View>> decide(long id, String claim, String operator, String reason, SyncStatus status,
            Function<SqlConnection, Uni<Void>> then) {
        return Decision.take(pool, log, id, claim, Tuple.of(id), "select " + COLUMNS + " from outbox where id = $1",
                ParkedDeliveries::view, (connection, row, view) -> then.apply(connection).map(x -> new AuditEntry(
                        Instant.now(), view.externalId(), config.site(), view.peer(), view.doctype(), view.sourceName(),
                        view.version(), row.getString("content_hash"), status, view.attempts(),
                        "delivery " + id + " by " + operator + ": " + reason)));
    }

    private static View view(Row row) {
        return new View(row.getLong("id"), row.getString("consumer"), row.getUUID("external_id"), row.getString("doctype"),
                row.getString("source_name"), row.getString("version"), row.getString("status"),
                row.getInteger("attempts"), row.getString("last_error"), row.getOffsetDateTime("created_at"));
    }
}
