package dev.sitesync.guard.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** One row per audit run: when it ran and what each check found or could not check. */
@Singleton
public class AuditRunStore {

    private final Pool pool;
    private final JsonColumns json;

    public AuditRunStore(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Records a run; {@code slot} is the schedule's fire time it audited, null for a run on request. */
    public Uni<Void> insert(UUID runId, String site, String trigger, OffsetDateTime slot, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, Object checks) {
        return pool.preparedQuery("""
                insert into audit_run (run_id, site, trigger, slot, started_at, finished_at, checks)
                values ($1, $2, $3, $4, $5, $6, $7::text::jsonb)""")
                .execute(Tuple.from(new Object[]{runId, site, trigger, slot, startedAt, finishedAt,
                        json.write(checks)}))
                .replaceWithVoid();
    }
}
