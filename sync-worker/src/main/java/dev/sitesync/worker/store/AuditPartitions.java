package dev.sitesync.worker.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The sync log's months: partitions made ahead of time, and closed months sealed as read-only archives (the database
 * functions of V9 do the DDL). Both hold the chain's lock, so no append runs while a partition changes.
 */
@ApplicationScoped
public class AuditPartitions {

    /** The partitions' months, by their names (only {@code sync_log_partition} names them). */
    private static final String MONTHS = """
            select to_date(substr(c.relname, 11, 4) || substr(c.relname, 16, 2), 'YYYYMM') as month,
                   c.relname::text as partition
              from pg_inherits i join pg_class c on c.oid = i.inhrelid
             where i.inhparent = 'sync_log'::regclass""";
    private static final String THIS_MONTH = "date_trunc('month', clock_timestamp() at time zone 'UTC')::date";

    private final Pool pool;

    public AuditPartitions(Pool pool) {
        this.pool = pool;
    }

    /**
     * A month of the log.
     *
     * @param archived sealed read-only; then {@code rows}, {@code firstId}, {@code lastId} and {@code lastHash} are what
     *        it held when sealed, else null (the month is open, or ahead)
     */
    public record Month(LocalDate month, String partition, boolean archived, Long rows, Long firstId, Long lastId,
            String lastHash, OffsetDateTime sealedAt) {
    }

    /** A sealed month's last entry. */
    public record Sealed(String partition, long lastId, String lastHash) {
    }

    /** Makes this month's partition and those of the next {@code monthsAhead} months, where missing. */
    public Uni<Void> prepare(int monthsAhead) {
        return underChainLock(connection -> connection.preparedQuery("select sync_log_partition((" + THIS_MONTH
                + " + make_interval(months => m))::date) from generate_series(0, $1) m").execute(Tuple.of(monthsAhead)))
                .replaceWithVoid();
    }

    /** Seals every month before this one that is not sealed yet; answers how many it sealed. */
    public Uni<Integer> sealClosed() {
        return underChainLock(connection -> connection.query("select sync_log_seal(month) from (" + MONTHS + ") months "
                + "where month < " + THIS_MONTH + " and month not in (select month from sync_log_archive) "
                + "order by month").execute()).map(sealed -> sealed.rowCount());
    }

    /** Every month, oldest first. */
    public Uni<List<Month>> all() {
        return pool.query("select m.month, m.partition, a.month is not null as archived, a.row_count, a.first_id, "
                + "a.last_id, a.last_hash, a.sealed_at from (" + MONTHS + ") m left join sync_log_archive a "
                + "on a.month = m.month order by m.month").execute()
                .map(rows -> {
                    List<Month> months = new ArrayList<>();
                    for (Row row : rows) {
                        months.add(new Month(row.getLocalDate("month"), row.getString("partition"),
                                row.getBoolean("archived"), row.getLong("row_count"), row.getLong("first_id"),
                                row.getLong("last_id"), row.getString("last_hash"), row.getOffsetDateTime("sealed_at")));
                    }
                    return months;
                });
    }

    /** Sealed months whose last entry comes after {@code afterId}, in entry order: heads to anchor. */
    public Uni<List<Sealed>> sealedAfter(long afterId) {
        return pool.preparedQuery("select partition, last_id, last_hash from sync_log_archive where last_id > $1 "
                + "order by last_id").execute(Tuple.of(afterId))
                .map(rows -> {
                    List<Sealed> sealed = new ArrayList<>();
                    rows.forEach(row -> sealed.add(new Sealed(row.getString("partition"), row.getLong("last_id"),
                            row.getString("last_hash"))));
                    return sealed;
                });
    }

    private <T> Uni<T> underChainLock(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(SyncLog.CHAIN_LOCK)).flatMap(locked -> work.apply(connection)));
    }
}
