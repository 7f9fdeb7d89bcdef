package dev.sitesync.ownership.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.ownership.domain.AnchorOrder;
import dev.sitesync.ownership.domain.AnchorOrder.Judgement;
import dev.sitesync.ownership.domain.AnchorOrder.Verdict;

/** The SQL of {@code audit_anchor}: appended one site at a time, so two replicas of a worker never race. */
@ApplicationScoped
public class AuditAnchors {

    private static final String COLUMNS = "site, last_id, last_hash, partition, anchored_by, anchored_at";

    private final Pool pool;

    public AuditAnchors(Pool pool) {
        this.pool = pool;
    }

    /** What became of an anchor: recorded (ACCEPT), there already (SAME), or refused with what it contradicts. */
    public record Recorded(Judgement judgement, AuditAnchor anchor) {
    }

    public Uni<Recorded> record(String site, AnchorRequest request, String anchoredBy) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("audit_anchor:" + site))
                .flatMap(locked -> connection.preparedQuery("select " + COLUMNS
                        + " from audit_anchor where site = $1 and last_id = $2").execute(Tuple.of(site, request.lastId())))
                .flatMap(same -> connection.preparedQuery("select " + COLUMNS
                        + " from audit_anchor where site = $1 order by last_id desc limit 1").execute(Tuple.of(site))
                        .flatMap(latest -> {
                            Judgement judgement = AnchorOrder.judge(request.lastId(), request.lastHash(), first(same),
                                    first(latest));
                            if (judgement.verdict() != Verdict.ACCEPT) {
                                return Uni.createFrom().item(new Recorded(judgement, judgement.existing()));
                            }
                            return connection.preparedQuery("insert into audit_anchor (site, last_id, last_hash, "
                                    + "partition, anchored_by) values ($1, $2, $3, $4, $5) returning " + COLUMNS)
                                    .execute(Tuple.of(site, request.lastId(), request.lastHash(), request.partition(),
                                            anchoredBy))
                                    .map(inserted -> new Recorded(judgement, first(inserted).orElseThrow()));
                        })));
    }

    /** The site's anchors after entry {@code after}, oldest first. */
    public Uni<List<AuditAnchor>> page(String site, long after, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_anchor where site = $1 and last_id > $2 "
                + "order by last_id limit $3").execute(Tuple.of(site, after, limit))
                .map(rows -> {
                    List<AuditAnchor> anchors = new ArrayList<>(rows.size());
                    rows.forEach(row -> anchors.add(anchorOf(row)));
                    return anchors;
                });
    }

    public Uni<Optional<AuditAnchor>> latest(String site) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_anchor where site = $1 order by last_id desc limit 1")
                .execute(Tuple.of(site)).map(AuditAnchors::first);
    }

    private static Optional<AuditAnchor> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(anchorOf(rows.iterator().next()));
    }

    private static AuditAnchor anchorOf(Row row) {
        return new AuditAnchor(row.getString("site"), row.getLong("last_id"), row.getString("last_hash"),
                row.getString("partition"), row.getString("anchored_by"), row.getOffsetDateTime("anchored_at"));
    }
}
