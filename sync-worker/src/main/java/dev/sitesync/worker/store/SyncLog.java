package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.LoggedEntry;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * The append-only, hash-chained sync log, partitioned by month. Appends take a transaction-scoped advisory lock so the
 * chain has one order across replicas; keep them at the end of short transactions.
 */
@ApplicationScoped
public class SyncLog {

    /**
     * Held by every append, and by whatever changes the partitions, so neither sees the other half done; also by a tool
     * that writes entries straight into the log (the console's benchmark), so the chain keeps one order.
     */
    public static final long CHAIN_LOCK = 0x5_1_7_C_106L;

    static final String COLUMNS = "at, external_id, source_site, target_site, doctype, local_name, version, "
            + "payload_hash, status, attempt, detail, trace_id";

    /** A row as verification and auditors read it. */
    static final String STORED = "id, tableoid::regclass::text as partition, logged_at, " + COLUMNS
            + ", prev_hash, row_hash";

    /**
     * The newest row, looked for in the last weeks first so only the newest partitions are read. Its successor is
     * filed at the database's clock, never before it: ids and months then grow together.
     */
    private static final String HEAD = "select row_hash, greatest(logged_at, clock_timestamp()) as next_logged_at "
            + "from sync_log";
    private static final String NEWEST = " order by id desc limit 1";
    private static final Duration RECENT = Duration.ofDays(40);
    private static final Set<String> STATUSES = Arrays.stream(SyncStatus.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** A batch of entries in one statement: rows take their ids in the order given, the chain's. */
    private static final String APPEND = "insert into sync_log (" + COLUMNS + ", prev_hash, row_hash, logged_at) "
            + "select " + COLUMNS + ", prev_hash, row_hash, coalesce($15, clock_timestamp()) from unnest("
            + "$1::timestamptz[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], "
            + "$8::varchar[], $9::varchar[], $10::int[], $11::text[], $12::varchar[], $13::varchar[], $14::varchar[]) "
            + "with ordinality as e (" + COLUMNS + ", prev_hash, row_hash, ord) order by ord";

    private final Pool pool;

    public SyncLog(Pool pool) {
        this.pool = pool;
    }

    /** The newest entry: its id and hash. */
    public record Head(long id, String hash) {
    }

    public Uni<Void> append(AuditEntry entry) {
        return append(List.of(entry));
    }

    public Uni<Void> append(List<AuditEntry> entries) {
        return pool.withTransaction(connection -> append(connection, entries));
    }

    public Uni<Void> append(SqlConnection connection, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minus(RECENT);
        return connection.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(CHAIN_LOCK))
                .flatMap(locked -> connection.preparedQuery(HEAD + " where logged_at >= $1" + NEWEST)
                        .execute(Tuple.of(recent)))
                .flatMap(head -> head.size() > 0
                        ? Uni.createFrom().item(head)
                        : connection.query(HEAD + NEWEST).execute())
                .flatMap(head -> {
                    Row last = head.size() == 0 ? null : head.iterator().next();
                    String previous = last == null ? AuditChain.GENESIS : last.getString("row_hash");
                    OffsetDateTime loggedAt = last == null ? null : last.getOffsetDateTime("next_logged_at");
                    List<Chained> rows = new ArrayList<>(entries.size());
                    for (AuditEntry entry : entries) {
                        String hash = AuditChain.hash(previous, entry);
                        rows.add(new Chained(entry, previous, hash));
                        previous = hash;
                    }
                    return connection.preparedQuery(APPEND).execute(Tuple.from(new Object[]{
                            Columns.of(rows, row -> OffsetDateTime.ofInstant(row.entry().at().truncatedTo(ChronoUnit.MICROS),
                                    ZoneOffset.UTC), OffsetDateTime[]::new),
                            Columns.of(rows, row -> row.entry().externalId(), UUID[]::new),
                            Columns.of(rows, row -> row.entry().sourceSite(), String[]::new),
                            Columns.of(rows, row -> row.entry().targetSite(), String[]::new),
                            Columns.of(rows, row -> row.entry().doctype(), String[]::new),
                            Columns.of(rows, row -> row.entry().localName(), String[]::new),
                            Columns.of(rows, row -> row.entry().version(), String[]::new),
                            Columns.of(rows, row -> row.entry().payloadHash(), String[]::new),
                            Columns.of(rows, row -> row.entry().status().name(), String[]::new),
                            Columns.of(rows, row -> row.entry().attempt(), Integer[]::new),
                            Columns.of(rows, row -> row.entry().detail(), String[]::new),
                            Columns.of(rows, row -> row.entry().traceId(), String[]::new),
                            Columns.of(rows, Chained::previous, String[]::new),
                            Columns.of(rows, Chained::hash, String[]::new),
                            loggedAt}));
                }).replaceWithVoid();
    }

    /** An entry with the hashes that chain it to the one before. */
    private record Chained(AuditEntry entry, String previous, String hash) {
    }

    /** The newest entry, if the log has any. */
    public Uni<Optional<Head>> head() {
        return pool.query("select id, row_hash from sync_log order by id desc limit 1").execute()
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new Head(rows.iterator().next().getLong("id"),
                                rows.iterator().next().getString("row_hash"))));
    }

    /** Entries after {@code afterId} up to {@code upToId}, in id order across partitions: a keyset page. */
    public Uni<List<LoggedEntry>> page(long afterId, long upToId, int limit) {
        return pool.preparedQuery("select " + STORED + " from sync_log where id > $1 and id <= $2 order by id limit $3")
                .execute(Tuple.of(afterId, upToId, limit)).map(SyncLog::entries);
    }

    /** Whether the entry is there (it may have been appended after a walk began). */
    public Uni<Boolean> contains(long id) {
        return pool.preparedQuery("select 1 from sync_log where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    static List<LoggedEntry> entries(RowSet<Row> rows) {
        List<LoggedEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long id = row.getLong("id");
            String partition = row.getString("partition");
            Instant loggedAt = row.getOffsetDateTime("logged_at").toInstant();
            String status = row.getString("status");
            if (!STATUSES.contains(status)) {
                // only someone who bypassed the worker writes another status: the row cannot verify
                entries.add(LoggedEntry.unreadable(id, partition, loggedAt, "status '" + status
                        + "' is not one the worker writes"));
                continue;
            }
            entries.add(new LoggedEntry(id, partition, loggedAt, row.getString("prev_hash"), row.getString("row_hash"),
                    entryOf(row, SyncStatus.valueOf(status))));
        }
        return entries;
    }

    private static AuditEntry entryOf(Row row, SyncStatus status) {
        Instant at = row.getOffsetDateTime("at").toInstant();
        UUID externalId = row.getUUID("external_id");
        return new AuditEntry(at, externalId, row.getString("source_site"), row.getString("target_site"),
                row.getString("doctype"), row.getString("local_name"), row.getString("version"),
                row.getString("payload_hash"), status, row.getInteger("attempt"), row.getString("detail"),
                row.getString("trace_id"));
    }
}
