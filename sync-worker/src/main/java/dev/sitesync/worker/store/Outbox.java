package dev.sitesync.worker.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * Envelopes waiting for their consumer's acknowledgement, and what each consumer last received of each document
 * (so unchanged content is never sent twice).
 */
@ApplicationScoped
public class Outbox {

    private final Pool pool;
    private final ObjectMapper json;

    public Outbox(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** One claimed delivery. */
    public record Delivery(long id, String consumer, int attempts, JsonObject envelope) {
    }

    /** What a consumer last received of a document. */
    public record SentKey(UUID externalId, String consumer) {
    }

    public Uni<Map<SentKey, String>> sentHashes(List<UUID> externalIds) {
        return pool.preparedQuery("select external_id, consumer, content_hash from sent_state where external_id = any($1)")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<SentKey, String> sent = new HashMap<>();
                    for (Row row : rows) {
                        sent.put(new SentKey(row.getUUID("external_id"), row.getString("consumer")),
                                row.getString("content_hash"));
                    }
                    return sent;
                });
    }

    /** Queues envelopes (in the given order, which is delivery order) and records them as sent. */
    public Uni<Void> queue(SqlConnection connection, List<ChangeEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> outbox = new ArrayList<>();
        List<Tuple> sent = new ArrayList<>();
        for (ChangeEnvelope envelope : envelopes) {
            // the service's mapper, which writes changedAt as ISO-8601 text
            outbox.add(Tuple.from(new Object[]{envelope.targetSite(), envelope.externalId(), envelope.doctype(),
                    envelope.version(), envelope.contentHash(), new JsonObject(json.convertValue(envelope, Map.class)),
                    envelope.changedAt()}));
            sent.add(Tuple.of(envelope.externalId(), envelope.targetSite(), envelope.version(), envelope.contentHash()));
        }
        return connection.preparedQuery("""
                insert into outbox (consumer, external_id, doctype, version, content_hash, envelope, changed_at)
                values ($1, $2, $3, $4, $5, $6, $7)""").executeBatch(outbox)
                .flatMap(done -> connection.preparedQuery("""
                        insert into sent_state (external_id, consumer, version, content_hash) values ($1, $2, $3, $4)
                        on conflict (external_id, consumer) do update
                           set version = excluded.version, content_hash = excluded.content_hash, sent_at = now()""")
                        .executeBatch(sent))
                .replaceWithVoid();
    }

    /** The consumers with a delivery due now. */
    public Uni<List<String>> dueConsumers() {
        return pool.query("select distinct consumer from outbox where status = 'PENDING' and next_attempt_at <= now()")
                .execute().map(rows -> {
                    List<String> consumers = new ArrayList<>();
                    rows.forEach(row -> consumers.add(row.getString("consumer")));
                    return consumers;
                });
    }

    /**
     * Claims the head of a consumer's lane, in queue order: up to {@code limit} pending deliveries, stopping at the
     * first one not yet due, so nothing overtakes an envelope that waits for its retry. Claiming pushes their next
     * attempt one lease ahead: another replica waits for the claim, then finds the head not due (never a later part
     * of the lane), and a replica that dies while delivering leaves the head due again when the lease ends.
     */
    public Uni<List<Delivery>> claimHead(String consumer, int limit, Duration lease) {
        return pool.preparedQuery("""
                with head as (
                    select id, bool_and(next_attempt_at <= now()) over (order by id) as due
                      from (select id, next_attempt_at from outbox where consumer = $1 and status = 'PENDING'
                            order by id limit $2 for update) lane
                )
                update outbox o set next_attempt_at = now() + make_interval(secs => $3)
                from head where o.id = head.id and head.due
                returning o.id, o.consumer, o.attempts, o.envelope""")
                .execute(Tuple.of(consumer, limit, (double) lease.toSeconds()))
                .map(rows -> {
                    List<Delivery> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Delivery(row.getLong("id"), row.getString("consumer"), row.getInteger("attempts"),
                                row.getJsonObject("envelope")));
                    }
                    claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return claimed;
                });
    }

    public Uni<Void> delivered(List<Long> ids) {
        return pool.preparedQuery("update outbox set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1 "
                + "where id = any($1)").execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Hands claimed deliveries back untried: they are due again, behind the lane's head. */
    public Uni<Void> release(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update outbox set next_attempt_at = now() where id = any($1) and status = 'PENDING'")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Records a failed attempt; parked rows wait for an operator, the others for their next attempt. */
    public Uni<Void> failed(long id, Duration retryIn, boolean park, String error) {
        return pool.preparedQuery("""
                update outbox set attempts = attempts + 1, last_error = $2,
                       status = case when $3 then 'PARKED' else status end,
                       next_attempt_at = now() + make_interval(secs => $4)
                 where id = $1""")
                .execute(Tuple.of(id, error, park, (double) retryIn.toMillis() / 1000)).replaceWithVoid();
    }

    /** Pending envelopes per consumer, for metrics and the status view. */
    public Uni<Map<String, Long>> depth() {
        return pool.query("select consumer, count(*) as n from outbox where status = 'PENDING' group by consumer")
                .execute()
                .map(rows -> {
                    Map<String, Long> depth = new HashMap<>();
                    rows.forEach(row -> depth.put(row.getString("consumer"), row.getLong("n")));
                    return depth;
                });
    }
}
