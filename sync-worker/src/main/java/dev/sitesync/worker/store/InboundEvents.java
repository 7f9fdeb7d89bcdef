package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.IntakeReceipt;
import dev.sitesync.contracts.sync.WebhookEvent;

/**
 * Webhook events taken from the gateway: committed before they are acknowledged, replays recognised. An event whose
 * capture failed is counted and waits for its next attempt, so it neither blocks the events behind it nor costs a
 * read every second.
 */
@ApplicationScoped
public class InboundEvents {

    private final Pool pool;

    public InboundEvents(Pool pool) {
        this.pool = pool;
    }

    /**
     * A pending event: which document of which doctype to read again, in the trace of the webhook's intake.
     *
     * @param attempts failed captures so far
     */
    public record Pending(long id, String doctype, String name, String modified, String traceparent, int attempts,
            OffsetDateTime receivedAt) {
    }

    /** Commits the event, with the trace context of the request that brought it, unless it is a replay. */
    public Uni<IntakeReceipt> take(WebhookEvent event, String traceparent) {
        return takeAll(List.of(event), traceparent).map(receipts -> receipts.get(0));
    }

    /**
     * Commits the events in one transaction and one statement, in their order, each unless it is a replay; each with
     * its own trace context, else that of the request that brought them. Answers a receipt per event, in their order.
     */
    public Uni<List<IntakeReceipt>> takeAll(List<WebhookEvent> events, String requestTrace) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into inbound_event (site, doctype, name, modified, body_sha256, doc_event, traceparent)
                select site, doctype, name, modified, body_sha256, doc_event, traceparent
                  from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                              $7::varchar[])
                       with ordinality as e (site, doctype, name, modified, body_sha256, doc_event, traceparent, ord)
                 order by ord
                on conflict on constraint inbound_event_replay_key do nothing
                returning id, site, doctype, name, modified, body_sha256""")
                .execute(Tuple.from(new Object[]{
                        Columns.of(events, WebhookEvent::site, String[]::new),
                        Columns.of(events, WebhookEvent::doctype, String[]::new),
                        Columns.of(events, WebhookEvent::name, String[]::new),
                        Columns.of(events, WebhookEvent::modified, String[]::new),
                        Columns.of(events, WebhookEvent::bodySha256, String[]::new),
                        Columns.of(events, WebhookEvent::docEvent, String[]::new),
                        Columns.of(events, event -> event.traceparent() != null ? event.traceparent() : requestTrace,
                                String[]::new)}))
                .flatMap(rows -> {
                    Map<ReplayKey, Long> taken = new HashMap<>();
                    rows.forEach(row -> taken.put(new ReplayKey(row.getString("site"), row.getString("doctype"),
                            row.getString("name"), row.getString("modified"), row.getString("body_sha256")),
                            row.getLong("id")));
                    // the first event with a key taken now is new; any other is a replay, answered with the first's ID
                    List<Uni<IntakeReceipt>> receipts = new ArrayList<>();
                    for (WebhookEvent event : events) {
                        Long id = taken.remove(ReplayKey.of(event));
                        receipts.add(id != null
                                ? Uni.createFrom().item(new IntakeReceipt(id, false))
                                : replayed(connection, event));
                    }
                    return Multi.createFrom().iterable(receipts).onItem().transformToUniAndConcatenate(receipt -> receipt)
                            .collect().asList();
                }));
    }

    /** What makes a webhook a replay of another: the same document version with the same body. */
    private record ReplayKey(String site, String doctype, String name, String modified, String bodySha256) {

        static ReplayKey of(WebhookEvent event) {
            return new ReplayKey(event.site(), event.doctype(), event.name(), event.modified(), event.bodySha256());
        }
    }

    private static Uni<IntakeReceipt> replayed(SqlConnection connection, WebhookEvent event) {
        return connection.preparedQuery("""
                select id from inbound_event where site = $1 and doctype = $2 and name = $3
                   and modified = $4 and body_sha256 = $5""")
                .execute(Tuple.of(event.site(), event.doctype(), event.name(), event.modified(), event.bodySha256()))
                .map(existing -> new IntakeReceipt(existing.iterator().next().getLong("id"), true));
    }

    /** The doctypes with an event due now: each is a lane of its own. */
    public Uni<List<String>> dueDoctypes() {
        return pool.query("""
                select distinct doctype from inbound_event where handled_at is null and next_attempt_at <= now()""")
                .execute()
                .map(rows -> {
                    List<String> doctypes = new ArrayList<>();
                    rows.forEach(row -> doctypes.add(row.getString("doctype")));
                    return doctypes;
                });
    }

    /** A doctype's events due now, oldest first; events waiting for a retry are left where they are. */
    public Uni<List<Pending>> due(String doctype, int limit) {
        return pool.preparedQuery("""
                select id, doctype, name, modified, traceparent, attempts, received_at from inbound_event
                 where doctype = $1 and handled_at is null and next_attempt_at <= now()
                 order by id limit $2""")
                .execute(Tuple.of(doctype, limit))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("doctype"), row.getString("name"),
                                row.getString("modified"), row.getString("traceparent"), row.getInteger("attempts"),
                                row.getOffsetDateTime("received_at")));
                    }
                    return pending;
                });
    }

    public Uni<Void> handled(List<Long> ids) {
        return handled(pool, ids);
    }

    /** Marks events handled, on the given client (a connection: inside the transaction that records why). */
    public Uni<Void> handled(SqlClient client, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("update inbound_event set handled_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Counts a failed capture of each event and sets its next attempt after its own backoff. */
    public Uni<Void> failed(List<Pending> events, String error, IntFunction<Duration> backoff) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> updates = events.stream().map(event -> Tuple.of(event.id(), error,
                (double) backoff.apply(event.attempts() + 1).toMillis() / 1000)).toList();
        return pool.preparedQuery("""
                update inbound_event set attempts = attempts + 1, last_error = $2,
                       next_attempt_at = now() + make_interval(secs => $3)
                 where id = $1 and handled_at is null""")
                .executeBatch(updates).replaceWithVoid();
    }

    public Uni<Long> pendingCount() {
        return pool.query("select count(*) as n from inbound_event where handled_at is null").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
