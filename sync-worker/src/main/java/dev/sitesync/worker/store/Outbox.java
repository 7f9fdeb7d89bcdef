package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.OffsetDateTime;
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
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.config.WorkerIdentity;
import dev.sitesync.worker.domain.AuditEntry;

/**
 * Envelopes waiting for their consumer's acknowledgement, and what each consumer last received of each document
 * (so unchanged content is never sent twice).
 */
@ApplicationScoped
public class Outbox {

    private final Pool pool;
    private final ObjectMapper json;
    private final SyncLog log;
    private final String owner;
    private final String site;

    public Outbox(Pool pool, ObjectMapper json, SyncLog log, WorkerIdentity identity, WorkerConfig config) {
        this.pool = pool;
        this.json = json;
        this.log = log;
        this.owner = identity.id();
        this.site = config.site();
    }

    /**
     * One claimed delivery.
     *
     * @param failingSince when it first failed, if it did: retries are bounded by this age
     */
    public record Delivery(long id, String consumer, int attempts, JsonObject envelope, OffsetDateTime failingSince) {
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

    /**
     * Queues envelopes (in the given order, which is delivery order) and records them as sent: one statement each,
     * whatever their number.
     */
    public Uni<Void> queue(SqlConnection connection, List<ChangeEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        EnvelopeColumns columns = EnvelopeColumns.of(json, envelopes);
        return connection.preparedQuery("""
                insert into outbox (consumer, external_id, doctype, version, content_hash, envelope, changed_at)
                select consumer, external_id, doctype, version, content_hash, envelope::jsonb, changed_at
                  from unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                              $7::timestamptz[])
                       with ordinality as e (consumer, external_id, doctype, version, content_hash, envelope,
                                             changed_at, ord)
                 order by ord""")
                .execute(Tuple.from(new Object[]{columns.targetSites(), columns.externalIds(), columns.doctypes(),
                        columns.versions(), columns.contentHashes(), columns.bodies(), columns.changedAt()}))
                // a document queued twice for one consumer: the later envelope is what it was sent last
                .flatMap(done -> connection.preparedQuery("""
                        insert into sent_state (external_id, consumer, version, content_hash)
                        select distinct on (external_id, consumer) external_id, consumer, version, content_hash
                          from unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[])
                               with ordinality as s (external_id, consumer, version, content_hash, ord)
                         order by external_id, consumer, ord desc
                        on conflict (external_id, consumer) do update
                           set version = excluded.version, content_hash = excluded.content_hash, sent_at = now()""")
                        .execute(Tuple.of(columns.externalIds(), columns.targetSites(), columns.versions(),
                                columns.contentHashes())))
                .replaceWithVoid();
    }

    /** The consumers with a delivery due now and not paused. */
    public Uni<List<String>> dueConsumers() {
        return pool.preparedQuery("select distinct o.consumer from outbox o where o.status = 'PENDING' "
                + "and o.next_attempt_at <= now() and " + SitePauses.notPaused("o.consumer", "$1", "o.doctype"))
                .execute(Tuple.of(site)).map(rows -> {
                    List<String> consumers = new ArrayList<>();
                    rows.forEach(row -> consumers.add(row.getString("consumer")));
                    return consumers;
                });
    }

    /**
     * Claims the head of a consumer's lane, in queue order: up to {@code limit} pending deliveries, stopping at the
     * first one not yet due, so nothing overtakes an envelope that waits for its retry, and leaving out envelopes of a
     * document whose earlier envelope is parked (they wait for the operator too). Claiming pushes their next attempt
     * one lease ahead and names this replica. Envelopes a pause covers stay in the outbox, unclaimed: another replica waits for the claim, then finds the head not due, and a
     * replica that dies while delivering leaves the head due again when the lease ends; only the claim's holder
     * records the outcome.
     */
    public Uni<List<Delivery>> claimHead(String consumer, int limit, Duration lease) {
        return pool.preparedQuery("""
                with head as (
                    select id, bool_and(next_attempt_at <= now()) over (order by id) as due
                      from (select o.id, o.next_attempt_at from outbox o
                             where o.consumer = $1 and o.status = 'PENDING' and %s
                               and not exists (select 1 from outbox p where p.consumer = o.consumer
                                                  and p.external_id = o.external_id and p.status = 'PARKED'
                                                  and p.id < o.id)
                             order by o.id limit $2 for update of o) lane
                )
                update outbox o set next_attempt_at = now() + make_interval(secs => $3), claim_owner = $4
                from head where o.id = head.id and head.due
                returning o.id, o.consumer, o.attempts, o.envelope, o.first_failed_at"""
                .formatted(SitePauses.notPaused("o.consumer", "$5", "o.doctype")))
                .execute(Tuple.from(new Object[]{consumer, limit, (double) lease.toSeconds(), owner, site}))
                .map(rows -> {
                    List<Delivery> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Delivery(row.getLong("id"), row.getString("consumer"), row.getInteger("attempts"),
                                row.getJsonObject("envelope"), row.getOffsetDateTime("first_failed_at")));
                    }
                    claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return claimed;
                });
    }

    /** Records deliveries the consumer acknowledged, with their log entries, if this replica still holds them. */
    public Uni<Void> delivered(List<Long> ids, List<AuditEntry> entries) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update outbox set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1
                 where id = any($1) and claim_owner = $2 and status = 'PENDING'""")
                .execute(Tuple.of(ids.toArray(Long[]::new), owner))
                .flatMap(updated -> log.append(connection, entries)));
    }

    /** Hands claimed deliveries back untried: they are due again, behind the lane's head. */
    public Uni<Void> release(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update outbox set next_attempt_at = now() where id = any($1) and status = 'PENDING'")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Records a failed attempt (if this replica still holds the claim); the delivery is due again after a while. */
    public Uni<Void> failed(long id, Duration retryIn, String error) {
        return pool.preparedQuery("""
                update outbox set attempts = attempts + 1, last_error = $2, first_failed_at = coalesce(first_failed_at, now()),
                       next_attempt_at = now() + make_interval(secs => $3)
                 where id = $1 and claim_owner = $4 and status = 'PENDING'""")
                .execute(Tuple.of(id, error, (double) retryIn.toMillis() / 1000, owner)).replaceWithVoid();
    }

    /**
     * Parks a delivery for an operator, with its log entry. The consumer's record of what it received is dropped when
     * it names this envelope, so a later capture or full sync of the document sends it again.
     */
    public Uni<Void> park(long id, String error, AuditEntry entry) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update outbox set attempts = attempts + 1, last_error = $2, status = 'PARKED',
                       first_failed_at = coalesce(first_failed_at, now())
                 where id = $1 and claim_owner = $3 and status = 'PENDING' returning id""")
                .execute(Tuple.of(id, error, owner))
                .flatMap(parked -> parked.size() == 0
                        ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("""
                                delete from sent_state s using outbox o
                                 where o.id = $1 and s.external_id = o.external_id and s.consumer = o.consumer
                                   and s.content_hash = o.content_hash""").execute(Tuple.of(id))
                                .flatMap(x -> log.append(connection, List.of(entry)))));
    }

    /**
     * Forgets what a consumer received of a document, so its next capture sends it again (the consumer asked: it has
     * waited too long for it).
     */
    public Uni<Void> forgetSent(UUID externalId, String consumer) {
        return pool.preparedQuery("delete from sent_state where external_id = $1 and consumer = $2")
                .execute(Tuple.of(externalId, consumer)).replaceWithVoid();
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
