package dev.sitesync.worker.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * The append-only, hash-chained sync log. Appends take a transaction-scoped advisory lock so the chain has one order
 * across replicas; keep them at the end of short transactions.
 */
@ApplicationScoped
public class SyncLog {

    private static final long CHAIN_LOCK = 0x5_1_7_C_106L;
    private static final String COLUMNS = "at, external_id, source_site, target_site, doctype, local_name, version, "
            + "payload_hash, status, attempt, detail, trace_id";

    private final Pool pool;

    public SyncLog(Pool pool) {
        this.pool = pool;
    }

    /** The result of walking the chain: the first row whose hash does not match, if any. */
    public record Verification(long rowsChecked, Long firstBrokenId, String problem) {

        public boolean intact() {
            return firstBrokenId == null;
        }
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
        return connection.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(CHAIN_LOCK))
                .flatMap(locked -> connection.query("select row_hash from sync_log order by id desc limit 1").execute())
                .flatMap(last -> {
                    String previous = last.size() == 0 ? AuditChain.GENESIS : last.iterator().next().getString("row_hash");
                    List<Tuple> rows = new ArrayList<>();
                    for (AuditEntry entry : entries) {
                        String hash = AuditChain.hash(previous, entry);
                        rows.add(Tuple.from(new Object[]{
                                OffsetDateTime.ofInstant(entry.at().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                                entry.externalId(), entry.sourceSite(), entry.targetSite(), entry.doctype(),
                                entry.localName(), entry.version(), entry.payloadHash(), entry.status().name(),
                                entry.attempt(), entry.detail(), entry.traceId(), previous, hash}));
                        previous = hash;
                    }
                    return connection.preparedQuery("insert into sync_log (" + COLUMNS + ", prev_hash, row_hash) "
                            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)").executeBatch(rows);
                }).replaceWithVoid();
    }

    /** Walks the whole chain in order and names the first row that was altered, removed or reordered. */
    public Uni<Verification> verify() {
        return pool.query("select id, " + COLUMNS + ", prev_hash, row_hash from sync_log order by id").execute()
                .map(rows -> {
                    String previous = AuditChain.GENESIS;
                    long checked = 0;
                    for (Row row : rows) {
                        checked++;
                        long id = row.getLong("id");
                        if (!previous.equals(row.getString("prev_hash"))) {
                            return new Verification(checked, id, "prev_hash does not match the row before it");
                        }
                        if (!AuditChain.hash(previous, entryOf(row)).equals(row.getString("row_hash"))) {
                            return new Verification(checked, id, "row_hash does not match the row's content");
                        }
                        previous = row.getString("row_hash");
                    }
                    return new Verification(checked, null, null);
                });
    }

    private static AuditEntry entryOf(Row row) {
        Instant at = row.getOffsetDateTime("at").toInstant();
        UUID externalId = row.getUUID("external_id");
        return new AuditEntry(at, externalId, row.getString("source_site"), row.getString("target_site"),
                row.getString("doctype"), row.getString("local_name"), row.getString("version"),
                row.getString("payload_hash"), SyncStatus.valueOf(row.getString("status")), row.getInteger("attempt"),
                row.getString("detail"), row.getString("trace_id"));
    }
}
