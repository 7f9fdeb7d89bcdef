package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.ContentHash;

/**
 * Reconciliations and what they found, kept on the consumer: a run's counts grow page by page (so a long run shows
 * its progress), its findings are rows of their own, and the external IDs it was shown are kept only while it runs.
 */
@ApplicationScoped
public class Reconciliations {

    private static final String RUN = """
            select id, source_site, doctype, name_prefix, cause, requested_by, status, started_at, updated_at,
                   finished_at, compared, in_sync, missing, stale, extra, duplicated, withheld, error
              from reconciliation""";

    private final Pool pool;
    private final SyncLog log;

    public Reconciliations(Pool pool, SyncLog log) {
        this.pool = pool;
        this.log = log;
    }

    /** A reconciliation as operators read it. */
    public record Run(long id, String source, String doctype, String namePrefix, String cause, String requestedBy,
            String status, OffsetDateTime startedAt, OffsetDateTime updatedAt, OffsetDateTime finishedAt, int compared,
            int inSync, int missing, int stale, int extra, int duplicated, int withheld, String error) {

        public boolean clean() {
            return "DONE".equals(status) && missing == 0 && stale == 0 && extra == 0 && duplicated == 0;
        }
    }

    /** One difference found. */
    public record Finding(long id, String kind, UUID externalId, String sourceName, String localNames,
            String sourceVersion, String sourceHash, String detail, OffsetDateTime repairRequestedAt,
            String repairRequestedBy) {
    }

    /** What one page of a run adds: its findings, how many documents it compared and found in sync or withheld. */
    public record Progress(List<Finding> findings, Set<UUID> seen, int compared, int inSync, int withheld) {
    }

    /**
     * Starts a run of this scope, unless one is running: a run that stopped moving for {@code abandonedAfter} (its
     * worker stopped) is ended as FAILED first. Empty when one is running.
     */
    public Uni<Optional<Run>> begin(String source, String doctype, String namePrefix, String cause, String requestedBy,
            Duration abandonedAfter) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update reconciliation set status = 'FAILED', finished_at = now(),
                       error = 'abandoned: its worker stopped while it ran'
                 where status = 'RUNNING' and source_site = $1 and doctype = $2 and name_prefix = $3
                   and updated_at < now() - make_interval(secs => $4)""")
                .execute(Tuple.of(source, doctype, namePrefix, (double) abandonedAfter.toSeconds()))
                .flatMap(x -> connection.preparedQuery("""
                        insert into reconciliation (source_site, doctype, name_prefix, cause, requested_by)
                        values ($1, $2, $3, $4, $5) on conflict do nothing returning id""")
                        .execute(Tuple.of(source, doctype, namePrefix, cause, requestedBy)))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong("id"))))
                .flatMap(id -> id.isEmpty() ? Uni.createFrom().item(Optional.<Run>empty()) : get(id.get()));
    }

    /** The run of this scope in progress, if any. */
    public Uni<Optional<Run>> running(String source, String doctype, String namePrefix) {
        return pool.preparedQuery(RUN + " where status = 'RUNNING' and source_site = $1 and doctype = $2 and name_prefix = $3")
                .execute(Tuple.of(source, doctype, namePrefix)).map(rows -> first(rows));
    }

    /** Adds one page's findings and counts to the run, in one transaction. */
    public Uni<Void> progress(long run, Progress progress) {
        return pool.withTransaction(connection -> {
            Uni<?> seen = progress.seen().isEmpty()
                    ? Uni.createFrom().voidItem()
                    : connection.preparedQuery("insert into reconciliation_seen (reconciliation_id, external_id) "
                            + "select $1, unnest($2::uuid[]) on conflict do nothing")
                            .execute(Tuple.of(run, progress.seen().toArray(UUID[]::new)));
            return seen.flatMap(x -> insertFindings(connection, run, progress.findings()))
                    .flatMap(x -> connection.preparedQuery("""
                            update reconciliation set updated_at = now(), compared = compared + $2,
                                   in_sync = in_sync + $3, withheld = withheld + $4,
                                   missing = missing + $5, stale = stale + $6, extra = extra + $7,
                                   duplicated = duplicated + $8
                             where id = $1""").execute(Tuple.from(new Object[]{run, progress.compared(),
                            progress.inSync(), progress.withheld(), count(progress, "MISSING"), count(progress, "STALE"),
                            count(progress, "EXTRA"), count(progress, "DUPLICATED")})))
                    .replaceWithVoid();
        });
    }

    private static Uni<Void> insertFindings(io.vertx.mutiny.sqlclient.SqlConnection connection, long run,
            List<Finding> findings) {
        if (findings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                insert into reconciliation_finding (reconciliation_id, kind, external_id, source_name, local_names,
                                                    source_version, source_hash, detail)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .executeBatch(findings.stream().map(f -> Tuple.from(new Object[]{run, f.kind(), f.externalId(),
                        f.sourceName(), f.localNames(), f.sourceVersion(), f.sourceHash(), f.detail()})).toList())
                .replaceWithVoid();
    }

    private static int count(Progress progress, String kind) {
        return (int) progress.findings().stream().filter(f -> f.kind().equals(kind)).count();
    }

    /** A copy this site wrote of the owner's document. */
    public record Copy(UUID externalId, String localName) {
    }

    /**
     * Copies this site holds of the owner's documents of the doctype (as its bookkeeping says) that the run was not
     * shown, after {@code after} in external ID order: candidates for extra copies. Copies disabled because the
     * owner deleted the document are not extra: that is what a delete does here.
     */
    public Uni<List<Copy>> unseen(long run, String source, String doctype, UUID after, int limit) {
        return pool.preparedQuery("""
                select d.external_id, d.local_name from doc_state d
                 where d.doctype = $2 and d.applied_source = $3 and d.local_name is not null
                   and d.applied_hash is distinct from $4 and ($5::uuid is null or d.external_id > $5)
                   and not exists (select 1 from reconciliation_seen s
                                    where s.reconciliation_id = $1 and s.external_id = d.external_id)
                 order by d.external_id limit $6""")
                .execute(Tuple.from(new Object[]{run, doctype, source, ContentHash.DELETED,
                        after, limit}))
                .map(rows -> {
                    List<Copy> copies = new ArrayList<>();
                    rows.forEach(row -> copies.add(new Copy(row.getUUID("external_id"), row.getString("local_name"))));
                    return copies;
                });
    }

    /** Ends the run (DONE, or FAILED with the error), forgetting what it was shown; logs {@code entry} with it. */
    public Uni<Run> end(long run, String error, AuditEntry entry) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("delete from reconciliation_seen where reconciliation_id = $1").execute(Tuple.of(run))
                .flatMap(x -> connection.preparedQuery("""
                        update reconciliation set status = $2, error = $3, finished_at = now(), updated_at = now()
                         where id = $1""").execute(Tuple.of(run, error == null ? "DONE" : "FAILED", error)))
                .flatMap(x -> entry == null
                        ? Uni.createFrom().voidItem()
                        : log.append(connection, List.of(entry))))
                .flatMap(x -> get(run)).map(Optional::orElseThrow);
    }

    public Uni<Optional<Run>> get(long id) {
        return pool.preparedQuery(RUN + " where id = $1").execute(Tuple.of(id)).map(Reconciliations::first);
    }

    /** The newest runs, newest first; {@code before} pages on (a run's id), 0 for the first page. */
    public Uni<List<Run>> latest(long before, int limit) {
        return pool.preparedQuery(RUN + " where ($1 = 0 or id < $1) order by id desc limit $2")
                .execute(Tuple.of(before, limit)).map(Reconciliations::runs);
    }

    /** The newest finished run of every scope (owner, doctype) without a name prefix: what the metrics show. */
    public Uni<List<Run>> newestPerScope() {
        return pool.query(RUN + """
                where id in (select max(id) from reconciliation where status = 'DONE' and name_prefix = ''
                              group by source_site, doctype)""").execute().map(Reconciliations::runs);
    }

    /** A run's findings in the order found, after finding {@code after}; only of {@code kind} when it is given. */
    public Uni<List<Finding>> findings(long run, String kind, long after, int limit) {
        return pool.preparedQuery("""
                select id, kind, external_id, source_name, local_names, source_version, source_hash, detail,
                       repair_requested_at, repair_requested_by
                  from reconciliation_finding
                 where reconciliation_id = $1 and ($2::text is null or kind = $2) and id > $3
                 order by id limit $4""").execute(Tuple.of(run, kind, after, limit)).map(rows -> {
            List<Finding> findings = new ArrayList<>();
            for (Row row : rows) {
                findings.add(new Finding(row.getLong("id"), row.getString("kind"), row.getUUID("external_id"),
                        row.getString("source_name"), row.getString("local_names"), row.getString("source_version"),
                        row.getString("source_hash"), row.getString("detail"),
                        row.getOffsetDateTime("repair_requested_at"), row.getString("repair_requested_by")));
            }
            return findings;
        });
    }

    /** Documents of these that have an open conflict here: an operator resolves those, a repair leaves them. */
    public Uni<Set<UUID>> inConflict(List<UUID> externalIds) {
        return pool.preparedQuery("select external_id from conflict where status = 'OPEN' and external_id = any($1)")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new))).map(rows -> {
                    Set<UUID> ids = new java.util.HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID("external_id")));
                    return ids;
                });
    }

    /**
     * Documents of these findings whose copy an operator chose to keep over this very version of the owner's
     * (a conflict resolved {@code keep-target}): it stays until the owner changes the document again.
     */
    public Uni<Set<UUID>> keptTargets(List<Finding> findings) {
        return pool.preparedQuery("""
                select c.external_id from conflict c
                  join unnest($1::uuid[], $2::text[]) as f(external_id, source_hash)
                    on c.external_id = f.external_id and c.source_hash = f.source_hash
                 where c.status = 'KEPT_TARGET'""")
                .execute(Tuple.of(findings.stream().map(Finding::externalId).toArray(UUID[]::new),
                        findings.stream().map(Finding::sourceHash).toArray(String[]::new)))
                .map(rows -> {
                    Set<UUID> ids = new java.util.HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID("external_id")));
                    return ids;
                });
    }

    /**
     * Makes this site's bookkeeping forget that the findings' documents are applied (a missing copy also its name),
     * so the owner's envelope is applied again when it comes, even one the inbox holds already; logs each request.
     */
    public Uni<Void> requestRepair(List<Finding> findings, String actor, List<AuditEntry> entries) {
        if (findings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update doc_state set applied_hash = null, written_modified = null, repair_requested_at = now(),
                       local_name = case when $2 then null else local_name end, updated_at = now()
                 where external_id = $1""")
                // rows locked in external ID order (PostgreSQL's, the text's), as the apply path locks several
                .executeBatch(findings.stream().sorted(Comparator.comparing(f -> f.externalId().toString()))
                        .map(f -> Tuple.of(f.externalId(), "MISSING".equals(f.kind()))).toList())
                .flatMap(x -> connection.preparedQuery("""
                        update reconciliation_finding set repair_requested_at = now(), repair_requested_by = $2
                         where id = $1""")
                        .executeBatch(findings.stream().map(f -> Tuple.of(f.id(), actor)).toList()))
                .flatMap(x -> log.append(connection, entries)));
    }

    private static Optional<Run> first(RowSet<Row> rows) {
        List<Run> runs = runs(rows);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    private static List<Run> runs(RowSet<Row> rows) {
        List<Run> runs = new ArrayList<>();
        for (Row row : rows) {
            runs.add(new Run(row.getLong("id"), row.getString("source_site"), row.getString("doctype"),
                    row.getString("name_prefix"), row.getString("cause"), row.getString("requested_by"),
                    row.getString("status"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("updated_at"),
                    row.getOffsetDateTime("finished_at"), row.getInteger("compared"), row.getInteger("in_sync"),
                    row.getInteger("missing"), row.getInteger("stale"), row.getInteger("extra"),
                    row.getInteger("duplicated"), row.getInteger("withheld"), row.getString("error")));
        }
        return runs;
    }
}
