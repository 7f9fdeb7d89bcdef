package dev.sitesync.worker.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How far behind this worker is, read from its queues: open deliveries per consumer and doctype (source side), tasks
 * waiting per source site and doctype, documents applied and dead letters open (target side). Lag is the age of the
 * oldest pending change, counted from the source's change time. The open-work queries use partial indexes, so they
 * stay cheap for metrics however long the history grows.
 */
@ApplicationScoped
public class SyncOverview {

    /** Open deliveries to one consumer of one doctype. */
    public record Outbound(String peer, String doctype, long pending, long parked, double lagSeconds) {
    }

    /** Tasks of one status (READY, WAITING, or DEAD: an operator's) from one source site for one doctype. */
    public record Inbound(String peer, String doctype, String status, long tasks, double lagSeconds) {
    }

    /** Open conflicts and dead letters of one doctype (a conflict is either, depending on when it was raised). */
    public record DeadOpen(String doctype, long conflicts, long deadLetters) {
    }

    public record Applied(String doctype, long documents) {
    }

    /** A consumer and doctype this worker has ever queued for. */
    public record Route(String peer, String doctype) {
    }

    private final Pool pool;

    public SyncOverview(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Outbound>> outbound() {
        return pool.query("""
                select consumer, doctype,
                       count(*) filter (where status = 'PENDING') as pending,
                       count(*) filter (where status = 'PARKED') as parked,
                       coalesce(extract(epoch from now() - min(coalesce(changed_at, created_at))), 0)::float8 as lag
                  from outbox where status in ('PENDING', 'PARKED') group by consumer, doctype""").execute()
                .map(rows -> map(rows, row -> new Outbound(row.getString("consumer"), row.getString("doctype"),
                        row.getLong("pending"), row.getLong("parked"), Math.max(0, row.getDouble("lag")))));
    }

    public Uni<List<Inbound>> inbound() {
        return pool.query("""
                select i.source_site, i.doctype, t.status, count(*) as n,
                       extract(epoch from now() - min(coalesce(i.changed_at, i.received_at)))::float8 as lag
                  from apply_task t join inbox i on i.id = t.inbox_id
                 where t.status in ('READY', 'WAITING', 'DEAD') group by i.source_site, i.doctype, t.status""").execute()
                .map(rows -> map(rows, row -> new Inbound(row.getString("source_site"), row.getString("doctype"),
                        row.getString("status"), row.getLong("n"), Math.max(0, row.getDouble("lag")))));
    }

    public Uni<List<DeadOpen>> deadOpen() {
        return pool.query("""
                select doctype, sum(conflicts)::bigint as conflicts, sum(dead)::bigint as dead from (
                    select coalesce(doctype, '') as doctype,
                           count(*) filter (where reason = 'CONCURRENT_UPDATE') as conflicts,
                           count(*) filter (where reason <> 'CONCURRENT_UPDATE') as dead
                      from dead_letter where resolved_at is null group by 1
                    union all
                    select doctype, count(*), 0 from conflict where status = 'OPEN' group by 1) open
                 group by doctype""").execute()
                .map(rows -> map(rows, row -> new DeadOpen(row.getString("doctype"), row.getLong("conflicts"),
                        row.getLong("dead"))));
    }

    /** Documents with an applied version, per doctype (one row per document ever received: an operator's read). */
    public Uni<List<Applied>> applied() {
        return pool.query("""
                select doctype, count(*) filter (where applied_version is not null) as n
                  from doc_state group by doctype""").execute()
                .map(rows -> map(rows, row -> new Applied(row.getString("doctype"), row.getLong("n"))));
    }

    /** Every (consumer, doctype) pair in the outbox, by skipping through its index rather than reading every row. */
    public Uni<List<Route>> routes() {
        return pool.query("""
                with recursive route as (
                    (select consumer, doctype from outbox order by consumer, doctype limit 1)
                    union all
                    select next.consumer, next.doctype from route, lateral (
                        select o.consumer, o.doctype from outbox o
                         where (o.consumer, o.doctype) > (route.consumer, route.doctype)
                         order by o.consumer, o.doctype limit 1) next
                )
                select consumer, doctype from route""").execute()
                .map(rows -> map(rows, row -> new Route(row.getString("consumer"), row.getString("doctype"))));
    }

    private static <T> List<T> map(Iterable<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>();
        rows.forEach(row -> mapped.add(mapper.apply(row)));
        return mapped;
    }
}
