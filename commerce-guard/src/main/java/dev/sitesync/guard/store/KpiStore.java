package dev.sitesync.guard.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the guard's own tables say about a site over a period (decisions, orders created and their value, payments,
 * reviews), and the KPI snapshots computed from it: one per (site, period), claimed by the replica that computes it.
 */
@Singleton
public class KpiStore {

    private static final TypeReference<JsonNode> JSON = new TypeReference<>() {
    };

    /** Orders created in one currency: how many and what they are worth. */
    public record OrderValue(String currency, long orders, BigDecimal total) {
    }

    /** A stored snapshot; {@code figures} null while it is being computed. */
    public record Stored(String site, LocalDate from, LocalDate to, OffsetDateTime computedAt, JsonNode figures) {
    }

    private final Pool pool;
    private final JsonColumns json;

    public KpiStore(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Decisions of the site made in [start, end), by verdict. */
    public Uni<Map<String, Long>> verdicts(String site, OffsetDateTime start, OffsetDateTime end) {
        return counts("select verdict as key, count(*) as n from decision where site = $1 and created_at >= $2"
                + " and created_at < $3 group by verdict", site, start, end);
    }

    /** Payment callbacks of the site completed in [start, end), by outcome. */
    public Uni<Map<String, Long>> payments(String site, OffsetDateTime start, OffsetDateTime end) {
        return counts("select outcome as key, count(*) as n from payment_event where site = $1 and completed_at >= $2"
                + " and completed_at < $3 and outcome is not null group by outcome", site, start, end);
    }

    /** Reviews of the site's held orders decided in [start, end), by outcome. */
    public Uni<Map<String, Long>> reviews(String site, OffsetDateTime start, OffsetDateTime end) {
        return counts("select r.outcome as key, count(*) as n from review_decision r join order_hold h using (decision_id)"
                + " where h.site = $1 and r.decided_at >= $2 and r.decided_at < $3 group by r.outcome", site, start, end);
    }

    /** Sales Orders the guard created on the site in [start, end), per currency. */
    public Uni<List<OrderValue>> ordersCreated(String site, OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery("""
                select coalesce(d.currency, '') as currency, count(*) as orders, sum(d.grand_total) as total
                from decision_order o join decision d using (decision_id)
                where o.site = $1 and o.created_at >= $2 and o.created_at < $3
                group by d.currency order by currency""").execute(Tuple.of(site, start, end)).map(rows -> {
            List<OrderValue> values = new ArrayList<>();
            rows.forEach(row -> values.add(new OrderValue(row.getString("currency"), row.getLong("orders"),
                    row.getBigDecimal("total"))));
            return values;
        });
    }

    /**
     * Claims the snapshot of (site, period) for this replica: free, or claimed long ago by one that died while
     * computing it. {@code recompute} takes a computed one too (a snapshot asked for by an operator).
     */
    public Uni<Boolean> claim(String site, LocalDate from, LocalDate to, Duration abandonedAfter, boolean recompute) {
        return pool.preparedQuery("""
                insert into kpi_snapshot (site, period_from, period_to) values ($1, $2, $3)
                on conflict (site, period_from, period_to) do update set claimed_at = now(), computed_at = null
                 where $5 or (kpi_snapshot.computed_at is null
                   and kpi_snapshot.claimed_at < now() - $4::bigint * interval '1 millisecond')
                returning site""")
                .execute(Tuple.of(site, from, to, abandonedAfter.toMillis(), recompute)).map(rows -> rows.size() == 1);
    }

    public Uni<Void> store(String site, LocalDate from, LocalDate to, Object figures) {
        return pool.preparedQuery("""
                update kpi_snapshot set computed_at = now(), figures = $4::text::jsonb
                where site = $1 and period_from = $2 and period_to = $3""")
                .execute(Tuple.of(site, from, to, json.write(figures))).replaceWithVoid();
    }

    /** The snapshots of the site whose period lies within [from, to], oldest first. */
    public Uni<List<Stored>> between(String site, LocalDate from, LocalDate to) {
        return pool.preparedQuery("""
                select site, period_from, period_to, computed_at, figures::text as figures from kpi_snapshot
                where site = $1 and period_from >= $2 and period_to <= $3 order by period_from, period_to""")
                .execute(Tuple.of(site, from, to)).map(rows -> {
                    List<Stored> stored = new ArrayList<>();
                    for (Row row : rows) {
                        stored.add(new Stored(row.getString("site"), row.getLocalDate("period_from"),
                                row.getLocalDate("period_to"), row.getOffsetDateTime("computed_at"),
                                json.read(row.getString("figures"), JSON)));
                    }
                    return stored;
                });
    }

    private Uni<Map<String, Long>> counts(String sql, String site, OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery(sql).execute(Tuple.of(site, start, end)).map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            rows.forEach(row -> counts.put(row.getString("key"), row.getLong("n")));
            return counts;
        });
    }
}
