package dev.sitesync.worker.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The sync log as auditors search and export it: filtered, in keyset pages, every field as stored. */
@ApplicationScoped
public class AuditEntries {

    private final Pool pool;

    public AuditEntries(Pool pool) {
        this.pool = pool;
    }

    /**
     * What to select; null fields select everything.
     *
     * @param site the source or the target site
     * @param from entries whose step happened at or after this; {@code to}: before it
     */
    public record Filter(UUID externalId, String site, String doctype, String status, OffsetDateTime from,
            OffsetDateTime to, String traceId) {
    }

    /** An entry as stored, with its place in the hash chain so an auditor can check it. */
    public record View(long id, String partition, OffsetDateTime loggedAt, OffsetDateTime at, UUID externalId,
            String sourceSite, String targetSite, String doctype, String localName, String version, String payloadHash,
            String status, int attempt, String detail, String traceId, String prevHash, String rowHash) {
    }

    /** Up to {@code limit} entries before entry {@code before} (all when null), newest first. */
    public Uni<List<View>> newestFirst(Filter filter, Long before, int limit) {
        Where where = where(filter);
        if (before != null) {
            where.add("id < ", before);
        }
        return select(where, "order by id desc", limit);
    }

    /** Up to {@code limit} entries after entry {@code after}, oldest first. */
    public Uni<List<View>> oldestFirst(Filter filter, long after, int limit) {
        Where where = where(filter);
        where.add("id > ", after);
        return select(where, "order by id", limit);
    }

    private Uni<List<View>> select(Where where, String order, int limit) {
        where.parameters.add(limit);
        return pool.preparedQuery("select " + SyncLog.STORED + " from sync_log" + where.sql() + " " + order + " limit $"
                + where.parameters.size()).execute(Tuple.from(where.parameters))
                .map(rows -> {
                    List<View> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(viewOf(row)));
                    return views;
                });
    }

    private static Where where(Filter filter) {
        Where where = new Where();
        where.add("external_id = ", filter.externalId());
        if (filter.site() != null) {
            where.parameters.add(filter.site());
            int n = where.parameters.size();
            where.clauses.add("(source_site = $" + n + " or target_site = $" + n + ")");
        }
        where.add("doctype = ", filter.doctype());
        where.add("status = ", filter.status());
        where.add("at >= ", filter.from());
        where.add("at < ", filter.to());
        where.add("trace_id = ", filter.traceId());
        return where;
    }

    /** Conditions joined by {@code and}, each with its numbered parameter. */
    private static final class Where {

        private final List<String> clauses = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        void add(String condition, Object value) {
            if (value != null) {
                parameters.add(value);
                clauses.add(condition + "$" + parameters.size());
            }
        }

        String sql() {
            return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        }
    }

    private static View viewOf(Row row) {
        return new View(row.getLong("id"), row.getString("partition"), row.getOffsetDateTime("logged_at"),
                row.getOffsetDateTime("at"), row.getUUID("external_id"), row.getString("source_site"),
                row.getString("target_site"), row.getString("doctype"), row.getString("local_name"),
                row.getString("version"), row.getString("payload_hash"), row.getString("status"),
                row.getInteger("attempt"), row.getString("detail"), row.getString("trace_id"),
                row.getString("prev_hash"), row.getString("row_hash"));
    }
}
