package dev.sitesync.worker.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * Envelopes this site could not apply (refused by the site, retries exhausted, or a conflict with a local edit), and
 * what operators decide about them: retry (the task goes back to the queue) or discard (it never applies), each a
 * {@link Decision}.
 */
@ApplicationScoped
public class DeadLetters {

    static final String CONFLICT = "CONCURRENT_UPDATE";
    private static final String COLUMNS = """
            d.id, d.task_id, d.external_id, d.doctype, d.reason, d.detail, d.created_at, d.resolved_at, d.resolution,
            d.resolved_by, d.resolution_reason, i.source_site, i.envelope ->> 'sourceName' as source_name,
            coalesce(i.version, d.version) as version, i.content_hash, coalesce(s.local_name, d.local_name) as local_name""";
    private static final String FROM = """
            from dead_letter d left join apply_task t on t.id = d.task_id left join inbox i on i.id = t.inbox_id
            left join doc_state s on s.external_id = d.external_id""";

    /** One dead letter, as operators see it. */
    public record View(long id, UUID externalId, String doctype, String reason, String detail, String sourceSite,
            String sourceName, String localName, String version, OffsetDateTime createdAt, OffsetDateTime resolvedAt,
            String resolution, String resolvedBy, String resolutionReason) {
    }

    /** Which dead letters to list, newest first, before an ID (the previous page's last). */
    public record Query(String doctype, String state, Long before, int limit) {
    }

    private final Pool pool;
    private final SyncLog log;
    private final WorkerConfig config;

    public DeadLetters(Pool pool, SyncLog log, WorkerConfig config) {
        this.pool = pool;
        this.log = log;
        this.config = config;
    }

    public Uni<List<View>> page(Query query) {
        String state = switch (query.state()) {
            case "resolved" -> "d.resolved_at is not null";
            case "all" -> "true";
            default -> "d.resolved_at is null";
        };
        return pool.preparedQuery("select " + COLUMNS + " " + FROM + " where " + state
                + " and ($1::text is null or d.doctype = $1) and ($2::bigint is null or d.id < $2)"
                + " order by d.id desc limit $3")
                .execute(Tuple.of(query.doctype(), query.before(), query.limit()))
                .map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    /** Which open dead letters a bulk action takes: any of the fields may be null (not filtered on). */
    public record Selection(String doctype, String sourceSite, String reason, OffsetDateTime from, OffsetDateTime to) {
    }

    /** The IDs of the open dead letters selected, oldest first, at most {@code limit}. */
    public Uni<List<Long>> select(Selection selection, int limit) {
        return pool.preparedQuery("select d.id " + FROM + " " + """
                where d.resolved_at is null and ($1::text is null or d.doctype = $1)
                  and ($2::text is null or i.source_site = $2) and ($3::text is null or d.reason = $3)
                  and ($4::timestamptz is null or d.created_at >= $4) and ($5::timestamptz is null or d.created_at < $5)
                order by d.id limit $6""")
                .execute(Tuple.from(new Object[]{selection.doctype(), selection.sourceSite(), selection.reason(),
                        selection.from(), selection.to(), limit}))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /**
     * Sends the dead letter's task back to the queue. A conflict's retry lets the source's version win over the local
     * edit: the optimistic lock that refused it is dropped for that one write, which is what the operator decided. A
     * dead letter of the source side (a document of this site that could not be captured) has no task: its document
     * is captured again, and opens a new dead letter if it still cannot be.
     */
    public Uni<Decision<View>> retry(long id, String operator, String reason) {
        return resolve(id, "RETRIED", operator, reason, SyncStatus.DEAD_LETTER_RETRIED,
                (connection, taskId, view) -> taskId == null
                        ? captureAgain(connection, view)
                        : connection
                                .preparedQuery(
                                        """
                                                update apply_task set status = 'READY', attempts = 0, first_failed_at = null, waiting_since = null,
                                                       next_attempt_at = now(), updated_at = now()
                                                 where id = $1 and status = 'DEAD'""")
                                .execute(Tuple.of(taskId))
                                .flatMap(x -> CONFLICT.equals(view.reason())
                                        ? connection
                                                .preparedQuery(
                                                        "update doc_state set written_modified = null where external_id = $1")
                                                .execute(Tuple.of(view.externalId())).replaceWithVoid()
                                        : Uni.createFrom().voidItem()));
    }

    /** Gives the dead letter up: its task is never applied; a later version of the document still is. */
    public Uni<Decision<View>> discard(long id, String operator, String reason) {
        return resolve(id, "DISCARDED", operator, reason, SyncStatus.DEAD_LETTER_DISCARDED,
                (connection, taskId, view) -> connection.preparedQuery("""
                        update apply_task set status = 'DISCARDED', updated_at = now() where id = $1 and status = 'DEAD'""")
                        .execute(Tuple.of(taskId)).replaceWithVoid());
    }

    /** A webhook event of its own for the document, as if the site had sent one: the capture reads it again. */
    private Uni<Void> captureAgain(SqlConnection connection, View view) {
        if (view.localName() == null || view.version() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                insert into inbound_event (site, doctype, name, modified, body_sha256, doc_event)
                values ($1, $2, $3, $4, encode(sha256(convert_to('dead letter ' || $5, 'UTF8')), 'hex'), 'retry')
                on conflict on constraint inbound_event_replay_key do nothing""")
                .execute(Tuple.of(config.site(), view.doctype(), view.localName(), view.version(), String.valueOf(view.id())))
                .replaceWithVoid();
    }

    @FunctionalInterface
    private interface TaskAction {

        Uni<Void> apply(SqlConnection connection, Long taskId, View view);
    }

    private Uni<Decision<View>> resolve(long id, String resolution, String operator, String reason, SyncStatus status,
            TaskAction action) {
        return Decision.take(pool, log, id, """
                update dead_letter set resolved_at = now(), resolution = $2, resolved_by = $3, resolution_reason = $4
                 where id = $1 and resolved_at is null returning id""", Tuple.of(id, resolution, operator, reason),
                "select " + COLUMNS + " " + FROM + " where d.id = $1", DeadLetters::view,
                (connection, row, view) -> action.apply(connection, row.getLong("task_id"), view)
                        .map(x -> new AuditEntry(Instant.now(), view.externalId(),
                                view.sourceSite() == null ? config.site() : view.sourceSite(), config.site(),
                                view.doctype() == null ? "" : view.doctype(), view.localName(), view.version(),
                                row.getString("content_hash"), status, 0,
                                "dead letter " + view.id() + " by " + operator + ": " + reason)));
    }

    private static View view(Row row) {
        return new View(row.getLong("id"), row.getUUID("external_id"), row.getString("doctype"), row.getString("reason"),
                row.getString("detail"), row.getString("source_site"), row.getString("source_name"),
                row.getString("local_name"), row.getString("version"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("resolved_at"), row.getString("resolution"), row.getString("resolved_by"),
                row.getString("resolution_reason"));
    }
}
