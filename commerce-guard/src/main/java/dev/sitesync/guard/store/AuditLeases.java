package dev.sitesync.guard.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which run may audit a site now, shared by every replica through PostgreSQL: a run takes the site's lease (free, or
 * expired because its holder died), and a scheduled run also takes its slot, so each slot of a site's schedule is
 * audited once however many replicas fire for it, and never alongside another audit of the site.
 */
@Singleton
public class AuditLeases {

    private static final String TAKE = """
            insert into audit_lease (site, run_id, leased_until, last_slot)
            values ($1, $2, now() + $3::bigint * interval '1 millisecond', $4)
            on conflict (site) do update
               set run_id = excluded.run_id, leased_until = excluded.leased_until,
                   last_slot = coalesce(excluded.last_slot, audit_lease.last_slot)
             where audit_lease.leased_until < now()
               and ($4::timestamptz is null or audit_lease.last_slot is null or audit_lease.last_slot < $4)
            returning run_id""";

    private final Pool pool;

    public AuditLeases(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the site's lease for this run, for at most {@code lease}; with a slot, only if no run took that slot (or a
     * later one) before. False when another run has the site, or had the slot.
     */
    public Uni<Boolean> take(String site, UUID runId, Duration lease, OffsetDateTime slot) {
        return pool.preparedQuery(TAKE).execute(Tuple.of(site, runId, lease.toMillis(), slot))
                .map(rows -> rows.size() == 1);
    }

    /** Lets the site be audited again: the run is over. */
    public Uni<Void> release(String site, UUID runId) {
        return pool.preparedQuery("update audit_lease set leased_until = now() where site = $1 and run_id = $2")
                .execute(Tuple.of(site, runId)).replaceWithVoid();
    }
}
