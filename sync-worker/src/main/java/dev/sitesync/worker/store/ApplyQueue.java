package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.support.flow.GroupCommit;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.config.WorkerIdentity;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.domain.VersionOrder;

/**
 * The target side's durable inbox and its work queue. An envelope is committed (inbox row, document state, task)
 * before it is acknowledged. A document is applied by one replica at a time: the applier leases the document's
 * {@code doc_state} row, works outside any transaction, and records the outcome in one short transaction.
 */
@ApplicationScoped
public class ApplyQueue {

    // every commit of outcomes takes the audit chain's lock once: outcomes finishing together share one commit
    private static final int OUTCOMES_PER_COMMIT = 64;

    private final Pool pool;
    private final SyncLog log;
    private final Conflicts conflicts;
    private final ObjectMapper json;
    private final String owner;

    private final String site;
    private final GroupCommit<Fenced, Boolean> outcomes = new GroupCommit<>("outcome commits", OUTCOMES_PER_COMMIT,
            this::recordTogether, this::recordAlone);

    public ApplyQueue(Pool pool, SyncLog log, Conflicts conflicts, ObjectMapper json, WorkerIdentity identity,
            WorkerConfig config) {
        this.pool = pool;
        this.log = log;
        this.conflicts = conflicts;
        this.json = json;
        this.owner = identity.id();
        this.site = config.site();
    }

    /**
     * A leased document: what was applied to it so far, and in which order of its source.
     *
     * @param firstLease whether this is the first time any replica leased it: nothing of ours can be on the site yet
     */
    public record LeasedDocument(UUID externalId, String doctype, String localName, String appliedVersion,
            String appliedHash, String writtenModified, VersionOrder appliedOrder, boolean firstLease) {
    }

    /**
     * A task ready to apply, with its envelope.
     *
     * @param failingSince when it first failed, if it did: retries are bounded by this age
     * @param waitingSince when it first waited for a dependency, if it did
     */
    public record Task(long id, int attempts, ChangeEnvelope envelope, OffsetDateTime failingSince,
            OffsetDateTime waitingSince) {

        public VersionOrder order() {
            return new VersionOrder(envelope.sourceSite(), envelope.sequence(), envelope.changedAt(), envelope.version());
        }
    }

    /**
     * Commits the envelopes in one transaction, in their order, each unless the same one (external ID, version, hash)
     * is already in the inbox; {@code audit} makes the log entry of each outcome (RECEIVED or DUPLICATE). New envelopes
     * go in set-wise (one statement each for the inbox, the document states and the tasks, whatever the batch's
     * size); the entries are appended last, so the log's chain lock is held only for the commit.
     */
    public Uni<List<EnvelopeReceipt>> accept(List<ChangeEnvelope> envelopes,
            BiFunction<ChangeEnvelope, SyncStatus, AuditEntry> audit) {
        return pool.withTransaction(connection -> insertInbox(connection, envelopes)
                .flatMap(inserted -> enqueue(connection, envelopes, inserted))
                .flatMap(receipts -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (int i = 0; i < receipts.size(); i++) {
                        entries.add(audit.apply(envelopes.get(i),
                                receipts.get(i).duplicate() ? SyncStatus.DUPLICATE : SyncStatus.RECEIVED));
                    }
                    return log.append(connection, entries).replaceWith(receipts);
                }));
    }

    /** An inbox row's key: the same envelope again has the same. */
    private record EnvelopeKey(UUID externalId, String version, String contentHash) {

        static EnvelopeKey of(ChangeEnvelope envelope) {
            return new EnvelopeKey(envelope.externalId(), envelope.version(), envelope.contentHash());
        }
    }

    /** Inserts the envelopes not in the inbox yet, in their order; answers the inbox ID of each row it inserted. */
    private Uni<Map<EnvelopeKey, Long>> insertInbox(SqlConnection connection, List<ChangeEnvelope> envelopes) {
        EnvelopeColumns columns = EnvelopeColumns.of(json, envelopes);
        return connection.preparedQuery("""
                insert into inbox (external_id, source_site, doctype, version, content_hash, envelope, changed_at)
                select external_id, source_site, doctype, version, content_hash, envelope::jsonb, changed_at
                  from unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                              $7::timestamptz[])
                       with ordinality as e (external_id, source_site, doctype, version, content_hash, envelope,
                                             changed_at, ord)
                 order by ord
                on conflict on constraint inbox_envelope_key do nothing
                returning id, external_id, version, content_hash""")
                .execute(Tuple.from(new Object[]{columns.externalIds(), columns.sourceSites(), columns.doctypes(),
                        columns.versions(), columns.contentHashes(), columns.bodies(), columns.changedAt()}))
                .map(rows -> {
                    Map<EnvelopeKey, Long> inserted = new HashMap<>();
                    for (Row row : rows) {
                        inserted.put(new EnvelopeKey(row.getUUID("external_id"), row.getString("version"),
                                row.getString("content_hash")), row.getLong("id"));
                    }
                    return inserted;
                });
    }

    /**
     * The first envelope with an inserted key is new: its document state (unless the document has one) and its task
     * are made set-wise. Any other was in the inbox already, and is answered one by one.
     */
    private Uni<List<EnvelopeReceipt>> enqueue(SqlConnection connection, List<ChangeEnvelope> envelopes,
            Map<EnvelopeKey, Long> inserted) {
        EnvelopeReceipt[] receipts = new EnvelopeReceipt[envelopes.size()];
        List<ChangeEnvelope> fresh = new ArrayList<>();
        List<Long> inboxIds = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            Long inboxId = inserted.remove(EnvelopeKey.of(envelopes.get(i)));
            if (inboxId != null) {
                receipts[i] = new EnvelopeReceipt(inboxId, false);
                fresh.add(envelopes.get(i));
                inboxIds.add(inboxId);
            }
        }
        Uni<Void> chain = fresh.isEmpty() ? Uni.createFrom().voidItem() : enqueue(connection, fresh, inboxIds);
        for (int i = 0; i < envelopes.size(); i++) {
            int index = i;
            if (receipts[index] == null) {
                chain = chain.flatMap(x -> existing(connection, envelopes.get(index)))
                        .invoke(receipt -> receipts[index] = receipt).replaceWithVoid();
            }
        }
        return chain.map(x -> List.of(receipts));
    }

    private static Uni<Void> enqueue(SqlConnection connection, List<ChangeEnvelope> fresh, List<Long> inboxIds) {
        // states in external ID order: concurrent intakes of the same documents lock them alike
        List<ChangeEnvelope> byId = fresh.stream().sorted(Comparator.comparing(ChangeEnvelope::externalId)).toList();
        return connection.preparedQuery("""
                insert into doc_state (external_id, doctype)
                select * from unnest($1::uuid[], $2::varchar[]) on conflict (external_id) do nothing""")
                .execute(Tuple.of(Columns.of(byId, ChangeEnvelope::externalId, UUID[]::new),
                        Columns.of(byId, ChangeEnvelope::doctype, String[]::new)))
                .flatMap(x -> connection.preparedQuery("""
                        insert into apply_task (inbox_id, external_id)
                        select inbox_id, external_id from unnest($1::bigint[], $2::uuid[])
                               with ordinality as t (inbox_id, external_id, ord)
                         order by ord""")
                        .execute(Tuple.of(inboxIds.toArray(Long[]::new),
                                Columns.of(fresh, ChangeEnvelope::externalId, UUID[]::new))))
                .replaceWithVoid();
    }

    /**
     * The same envelope again is acknowledged and dropped, unless a repair of the document was asked for here (a
     * reconciliation found the site's copy gone or changed): then it is applied again.
     */
    private Uni<EnvelopeReceipt> existing(SqlConnection connection, ChangeEnvelope envelope) {
        return connection.preparedQuery("select id from inbox where external_id = $1 and version = $2 and content_hash = $3")
                .execute(Tuple.of(envelope.externalId(), envelope.version(), envelope.contentHash()))
                .map(rows -> rows.iterator().next().getLong("id"))
                .flatMap(inboxId -> connection.preparedQuery("update doc_state set repair_requested_at = null"
                        + " where external_id = $1 and repair_requested_at is not null returning external_id")
                        .execute(Tuple.of(envelope.externalId()))
                        .flatMap(repair -> repair.size() == 0
                                ? Uni.createFrom().item(new EnvelopeReceipt(inboxId, true))
                                : connection.preparedQuery("insert into apply_task (inbox_id, external_id) values ($1, $2)")
                                        .execute(Tuple.of(inboxId, envelope.externalId()))
                                        .map(done -> new EnvelopeReceipt(inboxId, false))));
    }

    /**
     * Leases up to {@code limit} documents that have a task due, oldest task first. Tasks a pause covers (this site,
     * or the envelope's source, for its doctype) stay queued and are not leased; so do those of a doctype whose
     * schema here is in {@code SCHEMA_MISMATCH}.
     */
    public Uni<List<LeasedDocument>> leaseDue(int limit, Duration lease) {
        return pool.preparedQuery("""
                with due as (
                    select d.external_id from apply_task t join doc_state d on d.external_id = t.external_id
                      join inbox i on i.id = t.inbox_id
                    where t.status in ('READY', 'WAITING') and t.next_attempt_at <= now()
                      and (d.lease_until is null or d.lease_until < now()) and %s
                      and not exists (select 1 from schema_state s where s.doctype = d.doctype and s.status = 'MISMATCH')
                    order by t.id limit $1
                    for update of d skip locked
                )
                update doc_state d set lease_until = now() + make_interval(secs => $2), lease_owner = $3,
                       leases = d.leases + 1
                from (select distinct external_id from due) picked where d.external_id = picked.external_id
                returning d.external_id, d.doctype, d.local_name, d.applied_version, d.applied_hash, d.written_modified,
                          d.applied_source, d.applied_sequence, d.applied_changed_at, d.leases"""
                .formatted(SitePauses.notPaused("i.source_site", "$4", "d.doctype")))
                .execute(Tuple.of(limit, (double) lease.toSeconds(), owner, site))
                .map(rows -> {
                    List<LeasedDocument> leased = new ArrayList<>();
                    for (Row row : rows) {
                        String applied = row.getString("applied_version");
                        leased.add(new LeasedDocument(row.getUUID("external_id"), row.getString("doctype"),
                                row.getString("local_name"), applied, row.getString("applied_hash"),
                                row.getString("written_modified"), applied == null
                                        ? null
                                        : new VersionOrder(row.getString("applied_source"), row.getLong("applied_sequence"),
                                                row.getOffsetDateTime("applied_changed_at"), applied),
                                row.getInteger("leases") == 1));
                    }
                    return leased;
                });
    }

    /** The due tasks of each of these (leased) documents, in arrival order: one query for a whole leased set. */
    public Uni<Map<UUID, List<Task>>> dueTasks(List<UUID> externalIds) {
        return pool.preparedQuery("""
                select t.id, t.external_id, t.attempts, t.first_failed_at, t.waiting_since, i.envelope
                  from apply_task t join inbox i on i.id = t.inbox_id
                where t.external_id = any($1) and t.status in ('READY', 'WAITING') and t.next_attempt_at <= now()
                 order by t.id""")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Task>> tasks = new HashMap<>();
                    externalIds.forEach(id -> tasks.put(id, new ArrayList<>()));
                    for (Row row : rows) {
                        tasks.get(row.getUUID("external_id")).add(new Task(row.getLong("id"), row.getInteger("attempts"),
                                json.convertValue(row.getJsonObject("envelope").getMap(), ChangeEnvelope.class),
                                row.getOffsetDateTime("first_failed_at"), row.getOffsetDateTime("waiting_since")));
                    }
                    return tasks;
                });
    }

    /** What became of the work on one leased document. */
    public sealed interface Outcome {

        /** Written to the site: the document's new state. */
        record Applied(Task task, DocumentState state) implements Outcome {
        }

        /** A Link dependency is not on the site yet. */
        record Waiting(Task task, UUID dependency) implements Outcome {
        }

        /** Tried again after {@code delay}; an attempt is counted only when {@code charged}. */
        record Retry(Task task, Duration delay, String error, boolean charged) implements Outcome {
        }

        /** An operator decides. */
        record Dead(Task task, String reason, String detail) implements Outcome {
        }

        /** Someone else changed the copy here: an operator resolves the conflict, the task waits for it. */
        record Conflicted(Task task, Conflicts.Raised conflict) implements Outcome {
        }

        /** Nothing was tried (nothing due, or the site is not taking writes): only the lease is given back. */
        record Untouched() implements Outcome {
        }
    }

    /** An outcome, the older tasks it made obsolete and the log entries that say so: recorded together. */
    public record Recorded(Outcome outcome, List<Long> skipped, List<AuditEntry> audit) {

        public static Recorded of(Outcome outcome, AuditEntry entry) {
            return new Recorded(outcome, List.of(), List.of(entry));
        }

        public static Recorded untouched() {
            return new Recorded(new Outcome.Untouched(), List.of(), List.of());
        }

        /** The same, with these tasks also recorded as skipped. */
        public Recorded withSkipped(List<Long> tasks, List<AuditEntry> entries) {
            List<Long> allSkipped = new ArrayList<>(skipped);
            allSkipped.addAll(tasks);
            List<AuditEntry> allAudit = new ArrayList<>(audit);
            allAudit.addAll(entries);
            return new Recorded(outcome, allSkipped, allAudit);
        }
    }

    /** The document's state after a successful write, in its source's order. */
    public record DocumentState(String localName, String appliedVersion, String appliedHash, String writtenModified,
            VersionOrder order) {
    }

    /**
     * Records the outcome in one transaction, fenced by the lease: a replica whose lease was taken over (it worked
     * past it) records nothing, and answers false; the replica holding the lease now redoes the work, which is
     * idempotent. The lease is given back with the record. Outcomes recorded at the same time share a transaction
     * (each still fenced by its own lease, each with its audit entries), so the audit chain's lock is taken once for
     * them all.
     */
    public Uni<Boolean> record(UUID externalId, Recorded recorded) {
        return outcomes.submit(new Fenced(externalId, recorded));
    }

    private record Fenced(UUID externalId, Recorded recorded) {
    }

    /**
     * Applied outcomes, the commonest, are recorded set-wise (a statement per kind of change for the whole batch),
     * after the others, so a document that starts waiting in this batch for one applied in it is woken at once.
     */
    private Uni<List<Boolean>> recordTogether(List<Fenced> batch) {
        return pool.withTransaction(connection -> lockHeld(connection, batch).flatMap(heldIds -> {
            List<Boolean> held = new ArrayList<>();
            List<AuditEntry> audit = new ArrayList<>();
            List<Fenced> applied = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Fenced fenced : batch) {
                // removed once: recording gives the lease back, so a second outcome for it would not hold it
                boolean holds = heldIds.remove(fenced.externalId());
                held.add(holds);
                if (holds) {
                    audit.addAll(fenced.recorded().audit());
                    if (fenced.recorded().outcome() instanceof Outcome.Applied) {
                        applied.add(fenced);
                    } else {
                        chain = chain.flatMap(x -> record(connection, fenced.externalId(), fenced.recorded()));
                    }
                }
            }
            return chain.flatMap(x -> applied(connection, applied)).flatMap(x -> log.append(connection, audit))
                    .replaceWith(held);
        }));
    }

    /** Applied outcomes: their tasks done (and the ones they made obsolete skipped), their state and lease at once. */
    private static Uni<Void> applied(SqlConnection connection, List<Fenced> applied) {
        if (applied.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> done = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        List<Tuple> states = new ArrayList<>();
        for (Fenced fenced : applied) {
            Outcome.Applied outcome = (Outcome.Applied) fenced.recorded().outcome();
            done.add(outcome.task().id());
            skipped.addAll(fenced.recorded().skipped());
            DocumentState state = outcome.state();
            VersionOrder order = state.order();
            states.add(Tuple.from(new Object[]{fenced.externalId(), state.localName(), state.appliedVersion(),
                    state.appliedHash(), state.writtenModified(), order.sourceSite(), order.sequence(),
                    order.changedAt()}));
        }
        UUID[] ids = applied.stream().map(Fenced::externalId).toArray(UUID[]::new);
        Uni<?> chain = skipped.isEmpty()
                ? Uni.createFrom().voidItem()
                : setStatus(connection, skipped, "SKIPPED", null);
        return chain.flatMap(x -> setStatus(connection, done, "DONE", null))
                .flatMap(x -> connection.preparedQuery("""
                        update doc_state set local_name = $2, applied_version = $3, applied_hash = $4,
                               written_modified = $5, applied_source = $6, applied_sequence = $7,
                               applied_changed_at = $8, updated_at = now(), lease_until = null, lease_owner = null
                         where external_id = $1""").executeBatch(states))
                // documents waiting for these can go now
                .flatMap(x -> connection.preparedQuery("""
                        update apply_task set status = 'READY', waiting_for = null, next_attempt_at = now(),
                               updated_at = now() where status = 'WAITING' and waiting_for = any($1)""")
                        .execute(Tuple.of(ids)))
                .replaceWithVoid();
    }

    private Uni<Boolean> recordAlone(Fenced fenced) {
        return recordTogether(List.of(fenced)).map(held -> held.get(0));
    }

    /**
     * Locks the rows of the documents whose lease this replica still holds and answers their IDs; the others' outcomes
     * are not recorded (the replica holding the lease now redoes the work). In external ID order, as renew() locks
     * them: in any other order the two could deadlock.
     */
    private Uni<Set<UUID>> lockHeld(SqlConnection connection, List<Fenced> batch) {
        return connection.preparedQuery("""
                select external_id from doc_state where external_id = any($1) and lease_owner = $2
                 order by external_id for update""")
                .execute(Tuple.of(batch.stream().map(Fenced::externalId).toArray(UUID[]::new), owner))
                .map(rows -> {
                    Set<UUID> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID("external_id")));
                    return ids;
                });
    }

    private Uni<Void> record(SqlConnection connection, UUID externalId, Recorded recorded) {
        Uni<?> chain = recorded.skipped().isEmpty()
                ? Uni.createFrom().voidItem()
                : setStatus(connection, recorded.skipped(), "SKIPPED", null);
        chain = chain.flatMap(x -> recordOutcome(connection, externalId, recorded.outcome()));
        return chain
                .flatMap(x -> connection.preparedQuery(
                        "update doc_state set lease_until = null, lease_owner = null where external_id = $1")
                        .execute(Tuple.of(externalId)))
                .replaceWithVoid();
    }

    private Uni<?> recordOutcome(SqlConnection connection, UUID externalId, Outcome outcome) {
        if (outcome instanceof Outcome.Waiting waiting) {
            return waiting(connection, waiting);
        }
        if (outcome instanceof Outcome.Retry retry) {
            return retry(connection, retry);
        }
        if (outcome instanceof Outcome.Dead dead) {
            return dead(connection, externalId, dead);
        }
        if (outcome instanceof Outcome.Conflicted conflicted) {
            return setStatus(connection, List.of(conflicted.task().id()), "CONFLICT", null)
                    .flatMap(x -> conflicts.raise(connection, conflicted.conflict()));
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<?> waiting(SqlConnection connection, Outcome.Waiting waiting) {
        // the dependency's apply wakes this task; a wake-up that races this commit is caught by a re-check after as
        // long as the task has waited so far (10 s to 10 min)
        return connection.preparedQuery("""
                update apply_task t set status = 'WAITING', waiting_for = $2, updated_at = now(),
                       waiting_since = coalesce(t.waiting_since, now()),
                       next_attempt_at = now() + least(greatest(now() - i.received_at, interval '10 seconds'),
                                                       interval '10 minutes')
                  from inbox i where t.id = $1 and i.id = t.inbox_id""")
                .execute(Tuple.of(waiting.task().id(), waiting.dependency()));
    }

    private static Uni<?> retry(SqlConnection connection, Outcome.Retry retry) {
        return connection.preparedQuery("""
                update apply_task set attempts = attempts + (case when $4 then 1 else 0 end), last_error = $2,
                       status = 'READY', first_failed_at = coalesce(first_failed_at, now()), updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => $3) where id = $1""")
                .execute(Tuple.of(retry.task().id(), retry.error(), (double) retry.delay().toMillis() / 1000,
                        retry.charged()));
    }

    private static Uni<?> dead(SqlConnection connection, UUID externalId, Outcome.Dead dead) {
        return setStatus(connection, List.of(dead.task().id()), "DEAD", dead.detail())
                .flatMap(x -> connection.preparedQuery("""
                        insert into dead_letter (task_id, external_id, doctype, reason, detail)
                        select id, external_id, (select doctype from doc_state where external_id = $2), $3, $4
                        from apply_task where id = $1""")
                        .execute(Tuple.of(dead.task().id(), externalId, dead.reason(), dead.detail())));
    }

    /** Extends the leases this replica holds on these documents, while their work runs. */
    public Uni<Void> renew(List<UUID> externalIds, Duration lease) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // rows locked in external ID order, as lockHeld locks them: in any other order the two could deadlock
        return pool.preparedQuery("""
                update doc_state set lease_until = now() + make_interval(secs => $2)
                 where external_id in (select external_id from doc_state where external_id = any($1) and lease_owner = $3
                                        order by external_id for update)""")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new), (double) lease.toMillis() / 1000, owner))
                .replaceWithVoid();
    }

    private static Uni<?> setStatus(SqlConnection connection, List<Long> ids, String status, String error) {
        return connection.preparedQuery("""
                update apply_task set status = $2, last_error = coalesce($3, last_error), updated_at = now()
                 where id = any($1)""")
                .execute(Tuple.of(ids.toArray(Long[]::new), status, error));
    }

    /** Counts of tasks by status, for metrics and the status view. */
    public Uni<java.util.Map<String, Long>> counts() {
        return pool.query("select status, count(*) as n from apply_task group by status").execute()
                .map(rows -> {
                    java.util.Map<String, Long> counts = new java.util.HashMap<>();
                    rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
                    return counts;
                });
    }
}
