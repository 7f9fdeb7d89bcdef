package dev.sitesync.worker.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.FieldDifferences.Difference;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * Conflicts: a copy on this site changed by someone else while the owner changed the document too. Never
 * overwritten silently: an operator resolves each (or a filtered set) with a reason, {@code accept-source} (the
 * owner's version is written) or {@code keep-target} (the copy stays until the owner changes the document again,
 * which raises a new conflict). One conflict is open per document; a newer owner version updates it.
 */
@ApplicationScoped
public class Conflicts {

    public static final String ACCEPT_SOURCE = "accept-source";
    public static final String KEEP_TARGET = "keep-target";
    private static final String COLUMNS = """
            id, task_id, external_id, doctype, source_site, source_name, local_name, source_version, source_hash,
            source_changed_at, source_document, target_hash, target_modified, target_modified_by, target_document,
            differences, detected_by, status, created_at, updated_at, resolved_at, resolved_by, resolution_reason""";

    /** One conflict, both versions side by side. */
    public record View(long id, UUID externalId, String doctype, String sourceSite, String sourceName, String localName,
            String sourceVersion, String sourceHash, OffsetDateTime sourceChangedAt, JsonNode sourceDocument,
            String targetHash, String targetModified, String targetModifiedBy, JsonNode targetDocument,
            JsonNode differences, String detectedBy, String status, OffsetDateTime createdAt,
            OffsetDateTime resolvedAt, String resolvedBy, String resolutionReason) {
    }

    /** What a conflict is raised from: the owner's version that could not be written, and the copy as it is. */
    public record Raised(long taskId, UUID externalId, String doctype, String sourceSite, String sourceName,
            String localName, String sourceVersion, String sourceHash, OffsetDateTime sourceChangedAt,
            ObjectNode sourceDocument, String targetHash, String targetModified, String targetModifiedBy,
            ObjectNode targetDocument, List<Difference> differences, String detectedBy) {
    }

    /** Which conflicts to list or act on; any field may be null (not filtered on). */
    public record Selection(String doctype, String sourceSite, String status, OffsetDateTime from, OffsetDateTime to) {
    }

    private final Pool pool;
    private final SyncLog log;
    private final ObjectMapper json;
    private final WorkerConfig config;

    public Conflicts(Pool pool, SyncLog log, ObjectMapper json, WorkerConfig config) {
        this.pool = pool;
        this.log = log;
        this.json = json;
        this.config = config;
    }

    /**
     * Records the conflict in the apply's transaction: a new one, or the document's open one brought to the owner's
     * newer version (whose older task is then skipped).
     */
    Uni<Void> raise(SqlConnection connection, Raised conflict) {
        return connection.preparedQuery("""
                update apply_task set status = 'SKIPPED', updated_at = now()
                 where id = (select task_id from conflict where external_id = $1 and status = 'OPEN') and id <> $2""")
                .execute(Tuple.of(conflict.externalId(), conflict.taskId()))
                .flatMap(x -> connection.preparedQuery("""
                        insert into conflict (task_id, external_id, doctype, source_site, source_name, local_name,
                               source_version, source_hash, source_changed_at, source_document, target_hash,
                               target_modified, target_modified_by, target_document, differences, detected_by)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                        on conflict (external_id) where status = 'OPEN' do update
                           set task_id = excluded.task_id, source_version = excluded.source_version,
                               source_hash = excluded.source_hash, source_changed_at = excluded.source_changed_at,
                               source_document = excluded.source_document, target_hash = excluded.target_hash,
                               target_modified = excluded.target_modified,
                               target_modified_by = excluded.target_modified_by,
                               target_document = excluded.target_document, differences = excluded.differences,
                               updated_at = now()""")
                        .execute(Tuple.from(new Object[]{conflict.taskId(), conflict.externalId(), conflict.doctype(),
                                conflict.sourceSite(), conflict.sourceName(), conflict.localName(),
                                conflict.sourceVersion(), conflict.sourceHash(), conflict.sourceChangedAt(),
                                jsonObject(conflict.sourceDocument()), conflict.targetHash(), conflict.targetModified(),
                                conflict.targetModifiedBy(), jsonObject(conflict.targetDocument()),
                                new JsonArray(json.convertValue(conflict.differences(), List.class)),
                                conflict.detectedBy()})))
                .replaceWithVoid();
    }

    public Uni<List<View>> page(Selection selection, Long before, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " " + """
                from conflict where ($1::text is null or doctype = $1) and ($2::text is null or source_site = $2)
                  and ($3::text is null or status = $3) and ($4::timestamptz is null or created_at >= $4)
                  and ($5::timestamptz is null or created_at < $5) and ($6::bigint is null or id < $6)
                order by id desc limit $7""")
                .execute(Tuple.from(new Object[]{selection.doctype(), selection.sourceSite(), selection.status(),
                        selection.from(), selection.to(), before, limit}))
                .map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<View> get(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from conflict where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** The IDs of the open conflicts selected, oldest first, at most {@code limit}. */
    public Uni<List<Long>> select(Selection selection, int limit) {
        return pool.preparedQuery("""
                select id from conflict where status = 'OPEN' and ($1::text is null or doctype = $1)
                   and ($2::text is null or source_site = $2) and ($3::timestamptz is null or created_at >= $3)
                   and ($4::timestamptz is null or created_at < $4) order by id limit $5""")
                .execute(Tuple.from(new Object[]{selection.doctype(), selection.sourceSite(), selection.from(),
                        selection.to(), limit}))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /**
     * Resolves an open conflict once. {@code accept-source}: its task goes back to the queue and the lock on our last
     * write is dropped for that one write, so the owner's version replaces the copy. {@code keep-target}: the task is
     * discarded and the owner's version counts as seen, while the lock stays on our last write, so the owner's next
     * change finds the copy changed again and raises a new conflict instead of overwriting it.
     */
    public Uni<Decision<View>> resolve(long id, String resolution, String operator, String reason) {
        String status = ACCEPT_SOURCE.equals(resolution) ? "ACCEPTED_SOURCE" : "KEPT_TARGET";
        return Decision.take(pool, log, id, """
                update conflict set status = $2, resolved_at = now(), resolved_by = $3, resolution_reason = $4
                 where id = $1 and status = 'OPEN' returning id""", Tuple.of(id, status, operator, reason),
                "select " + COLUMNS + " from conflict where id = $1", this::view,
                (connection, row, view) -> (ACCEPT_SOURCE.equals(resolution)
                        ? acceptSource(connection, row.getLong("task_id"), view)
                        : keepTarget(connection, row.getLong("task_id"), view))
                        .map(x -> new AuditEntry(Instant.now(), view.externalId(), view.sourceSite(), config.site(),
                                view.doctype(), view.localName(), view.sourceVersion(), view.sourceHash(),
                                SyncStatus.CONFLICT_RESOLVED, 0,
                                "conflict " + id + " " + resolution + " by " + operator + ": " + reason)));
    }

    private static Uni<Void> acceptSource(SqlConnection connection, Long taskId, View view) {
        return connection.preparedQuery("""
                update apply_task set status = 'READY', next_attempt_at = now(), first_failed_at = null,
                       updated_at = now() where id = $1 and status = 'CONFLICT'""").execute(Tuple.of(taskId))
                .flatMap(x -> connection.preparedQuery("update doc_state set written_modified = null where external_id = $1")
                        .execute(Tuple.of(view.externalId())))
                .replaceWithVoid();
    }

    private static Uni<Void> keepTarget(SqlConnection connection, Long taskId, View view) {
        return connection.preparedQuery("""
                update apply_task set status = 'DISCARDED', updated_at = now() where id = $1 and status = 'CONFLICT'""")
                .execute(Tuple.of(taskId))
                .flatMap(x -> connection.preparedQuery("""
                        update doc_state d set applied_version = i.version, applied_hash = i.content_hash,
                               applied_source = i.source_site,
                               applied_sequence = (i.envelope ->> 'sequence')::bigint,
                               applied_changed_at = i.changed_at, updated_at = now()
                          from apply_task t join inbox i on i.id = t.inbox_id
                         where t.id = $1 and d.external_id = t.external_id""").execute(Tuple.of(taskId)))
                .replaceWithVoid();
    }

    private JsonObject jsonObject(ObjectNode node) {
        return new JsonObject(json.convertValue(node, Map.class));
    }

    private JsonNode jsonNode(Object value) {
        return JsonColumns.node(json, value);
    }

    private View view(Row row) {
        return new View(row.getLong("id"), row.getUUID("external_id"), row.getString("doctype"),
                row.getString("source_site"), row.getString("source_name"), row.getString("local_name"),
                row.getString("source_version"), row.getString("source_hash"), row.getOffsetDateTime("source_changed_at"),
                jsonNode(row.getValue("source_document")), row.getString("target_hash"), row.getString("target_modified"),
                row.getString("target_modified_by"), jsonNode(row.getValue("target_document")),
                jsonNode(row.getValue("differences")), row.getString("detected_by"), row.getString("status"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("resolved_at"), row.getString("resolved_by"),
                row.getString("resolution_reason"));
    }
}
