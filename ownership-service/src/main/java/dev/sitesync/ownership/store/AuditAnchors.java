package dev.sitesync.ownership.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.contracts.audit.ChainLoss;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.domain.AnchorOrder;
import dev.sitesync.ownership.domain.AnchorOrder.Judgement;
import dev.sitesync.ownership.domain.AnchorOrder.Verdict;
import dev.sitesync.support.problem.ProblemException;

/**
 * The SQL of {@code audit_anchor} and {@code audit_chain_loss}: appended one site at a time, so two replicas of a worker
 * never race.
 */
@ApplicationScoped
public class AuditAnchors {

    private static final String COLUMNS = "site, last_id, last_hash, partition, anchored_by, anchored_at";
    /** An anchor, and whether a loss acknowledged since covers its entry. */
    private static final String ANCHOR = "select " + COLUMNS + ", exists (select 1 from audit_chain_loss l where "
            + "l.site = a.site and a.last_id > l.after_id and a.last_id <= l.through_id) as lost from audit_anchor a";
    private static final String LOSS = "site, after_id, through_id, reason, acknowledged_by, acknowledged_at";

    private final Pool pool;

    public AuditAnchors(Pool pool) {
        this.pool = pool;
    }

    /** What became of an anchor: recorded (ACCEPT), there already (SAME), or refused with what it contradicts. */
    public record Recorded(Judgement judgement, AuditAnchor anchor) {
    }

    public Uni<Recorded> record(String site, AnchorRequest request, String anchoredBy) {
        return pool.withTransaction(connection -> lock(connection, site)
                .flatMap(locked -> connection.preparedQuery(ANCHOR + " where site = $1 and last_id = $2")
                        .execute(Tuple.of(site, request.lastId())))
                .flatMap(same -> newest(connection, site)
                        .flatMap(latest -> {
                            Judgement judgement = AnchorOrder.judge(request.lastId(), request.lastHash(), first(same),
                                    first(latest));
                            if (judgement.verdict() != Verdict.ACCEPT) {
                                return Uni.createFrom().item(new Recorded(judgement, judgement.existing()));
                            }
                            return connection.preparedQuery("insert into audit_anchor (site, last_id, last_hash, "
                                    + "partition, anchored_by) values ($1, $2, $3, $4, $5) returning " + COLUMNS
                                    + ", false as lost")
                                    .execute(Tuple.of(site, request.lastId(), request.lastHash(), request.partition(),
                                            anchoredBy))
                                    .map(inserted -> new Recorded(judgement, first(inserted).orElseThrow()));
                        })));
    }

    /**
     * Records that the site's anchored entries after {@code afterId} are lost, through its newest anchor; refused with
     * the reason when nothing after it is anchored, or all of it is acknowledged already.
     */
    public Uni<ChainLoss> acknowledgeLoss(String site, ChainLoss.Acknowledgement loss, String acknowledgedBy) {
        return pool.withTransaction(connection -> lock(connection, site)
                .flatMap(locked -> newest(connection, site))
                .flatMap(latest -> {
                    AnchorOrder.lossRefused(loss.afterId(), first(latest)).ifPresent(why -> {
                        throw new ProblemException(ProblemType.CONFLICT, why);
                    });
                    return connection.preparedQuery("insert into audit_chain_loss (site, after_id, through_id, reason, "
                            + "acknowledged_by) values ($1, $2, $3, $4, $5) returning " + LOSS)
                            .execute(Tuple.of(site, loss.afterId(), first(latest).orElseThrow().lastId(),
                                    loss.reason().strip(), acknowledgedBy))
                            .map(rows -> lossOf(rows.iterator().next()));
                }));
    }

    /** The site's acknowledged losses, oldest first. */
    public Uni<List<ChainLoss>> losses(String site) {
        return pool.preparedQuery("select " + LOSS + " from audit_chain_loss where site = $1 order by acknowledged_at")
                .execute(Tuple.of(site)).map(rows -> {
                    List<ChainLoss> losses = new ArrayList<>();
                    rows.forEach(row -> losses.add(lossOf(row)));
                    return losses;
                });
    }

    /** Appends for one site, one at a time: two replicas of its worker never race. */
    private static Uni<RowSet<Row>> lock(SqlConnection connection, String site) {
        return connection.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("audit_anchor:" + site));
    }

    private static Uni<RowSet<Row>> newest(SqlConnection connection, String site) {
        return connection.preparedQuery(ANCHOR + " where site = $1 order by last_id desc limit 1").execute(Tuple.of(site));
    }

    /** The site's anchors after entry {@code after}, oldest first. */
    public Uni<List<AuditAnchor>> page(String site, long after, int limit) {
        return pool.preparedQuery(ANCHOR + " where site = $1 and last_id > $2 order by last_id limit $3")
                .execute(Tuple.of(site, after, limit))
                .map(rows -> {
                    List<AuditAnchor> anchors = new ArrayList<>(rows.size());
                    rows.forEach(row -> anchors.add(anchorOf(row)));
                    return anchors;
                });
    }

    /** The site's newest anchor whose entry was not acknowledged lost: where verification may resume. */
    public Uni<Optional<AuditAnchor>> latest(String site) {
        return pool.preparedQuery("select * from (" + ANCHOR + " where site = $1) anchors where not lost "
                + "order by last_id desc limit 1").execute(Tuple.of(site)).map(AuditAnchors::first);
    }

    private static Optional<AuditAnchor> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(anchorOf(rows.iterator().next()));
    }

    private static AuditAnchor anchorOf(Row row) {
        return new AuditAnchor(row.getString("site"), row.getLong("last_id"), row.getString("last_hash"),
                row.getString("partition"), row.getString("anchored_by"), row.getOffsetDateTime("anchored_at"),
                row.getBoolean("lost"));
    }

    private static ChainLoss lossOf(Row row) {
        return new ChainLoss(row.getString("site"), row.getLong("after_id"), row.getLong("through_id"),
                row.getString("reason"), row.getString("acknowledged_by"), row.getOffsetDateTime("acknowledged_at"));
    }
}
