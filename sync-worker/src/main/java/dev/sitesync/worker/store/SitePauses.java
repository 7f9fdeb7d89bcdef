package dev.sitesync.worker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.Pauses;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * The pauses in force, in the worker's database so they survive restarts and every replica keeps them. Delivery and
 * applying read the table in their own queries ({@link Outbox#claimHead}, {@link ApplyQueue#leaseDue}); capture reads
 * {@link #current()} each cycle. Pausing and resuming are logged with who and why, in the same transaction.
 */
@ApplicationScoped
public class SitePauses {

    /** A doctype tag for a pause of a whole site. */
    static final String ALL_DOCTYPES = "*";

    private static final String COLUMNS = "id, site, doctype, reason, paused_by, paused_at";

    /**
     * A condition true while no pause covers the row: neither this worker's site ({@code self}, a parameter) nor the
     * peer in {@code peerColumn} is paused for the doctype in {@code doctypeColumn}; {@link Pauses}' rule in SQL, so
     * the queues' own queries leave paused work where it is, on every replica at once.
     */
    static String notPaused(String peerColumn, String self, String doctypeColumn) {
        return "not exists (select 1 from sync_pause s where s.site in (" + peerColumn + ", " + self
                + ") and (s.doctype is null or s.doctype = " + doctypeColumn + "))";
    }

    private final Pool pool;
    private final SyncLog log;
    private final String site;
    private final MultiGauge paused;

    public SitePauses(Pool pool, SyncLog log, WorkerConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.log = log;
        this.site = config.site();
        this.paused = MultiGauge.builder("sitesync.worker.paused").baseUnit("seconds")
                .description("How long each pause in force has held, by paused site and doctype (* for all)")
                .register(registry);
    }

    /** The pauses in force now; also what the {@code sitesync.worker.paused} gauge shows. */
    public Uni<Pauses> current() {
        return pool.query("select " + COLUMNS + " from sync_pause order by id").execute().map(rows -> {
            List<Pauses.Pause> pauses = new ArrayList<>();
            rows.forEach(row -> pauses.add(pause(row)));
            paused.register(pauses.stream().map(pause -> MultiGauge.Row.of(Tags.of("site", pause.site(), "doctype",
                    pause.doctype() == null ? ALL_DOCTYPES : pause.doctype()), pause,
                    p -> Duration.between(p.pausedAt(), Instant.now()).toMillis() / 1000.0)).toList(), true);
            return new Pauses(site, pauses);
        });
    }

    /** Pauses the scope, unless it is paused already: then the pause in force, as ALREADY_DECIDED. */
    public Uni<Decision<Pauses.Pause>> pause(String pausedSite, String doctype, String reason, String operator) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into sync_pause (site, doctype, reason, paused_by) values ($1, $2, $3, $4)
                on conflict (site, coalesce(doctype, '')) do nothing returning %s""".formatted(COLUMNS))
                .execute(Tuple.of(pausedSite, doctype, reason, operator))
                .flatMap(inserted -> inserted.size() == 1
                        ? logged(connection, pause(inserted.iterator().next()), SyncStatus.PAUSED, "paused by "
                                + operator + ": " + reason)
                        : inForce(connection, pausedSite, doctype).map(existing -> existing == null
                                ? new Decision<>(Decision.Outcome.NOT_FOUND, null)
                                : new Decision<>(Decision.Outcome.ALREADY_DECIDED, existing))));
    }

    /** Lifts the pause of exactly this scope; NOT_FOUND when it is not paused. */
    public Uni<Decision<Pauses.Pause>> resume(String pausedSite, String doctype, String reason, String operator) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                delete from sync_pause where site = $1 and coalesce(doctype, '') = coalesce($2, '')
                returning %s""".formatted(COLUMNS)).execute(Tuple.of(pausedSite, doctype))
                .flatMap(deleted -> {
                    if (deleted.size() == 0) {
                        return Uni.createFrom().item(new Decision<Pauses.Pause>(Decision.Outcome.NOT_FOUND, null));
                    }
                    Pauses.Pause lifted = pause(deleted.iterator().next());
                    return logged(connection, lifted, SyncStatus.RESUMED, "resumed by " + operator + " after "
                            + Duration.between(lifted.pausedAt(), Instant.now()).toSeconds() + " s: " + reason);
                }));
    }

    private Uni<Pauses.Pause> inForce(SqlConnection connection, String pausedSite, String doctype) {
        return connection.preparedQuery("select " + COLUMNS
                + " from sync_pause where site = $1 and coalesce(doctype, '') = coalesce($2, '')")
                .execute(Tuple.of(pausedSite, doctype)).map(SitePauses::first);
    }

    private Uni<Decision<Pauses.Pause>> logged(SqlConnection connection, Pauses.Pause pause, SyncStatus status,
            String detail) {
        // the log names every step's doctype; a whole site's pause is logged under "*"
        AuditEntry entry = new AuditEntry(Instant.now(), null, pause.site(), site,
                pause.doctype() == null ? ALL_DOCTYPES : pause.doctype(), null, null, null, status, 0, detail);
        return log.append(connection, List.of(entry)).map(x -> new Decision<>(Decision.Outcome.DONE, pause));
    }

    private static Pauses.Pause first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : pause(rows.iterator().next());
    }

    private static Pauses.Pause pause(Row row) {
        return new Pauses.Pause(row.getLong("id"), row.getString("site"), row.getString("doctype"),
                row.getString("reason"), row.getString("paused_by"), row.getOffsetDateTime("paused_at").toInstant());
    }
}
