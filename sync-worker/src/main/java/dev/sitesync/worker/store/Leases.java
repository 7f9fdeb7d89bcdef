package dev.sitesync.worker.store;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerIdentity;

/**
 * Named leases shared by the replicas of one site's worker: whoever holds "capture:Item" is the only one capturing
 * Item, so polling, webhook events and a full sync of one doctype never run concurrently.
 */
@ApplicationScoped
public class Leases {

    private final Pool pool;
    private final String owner;

    public Leases(Pool pool, WorkerIdentity identity) {
        this.pool = pool;
        this.owner = identity.id();
    }

    /** Takes or renews the lease; false when another replica holds it. */
    public Uni<Boolean> acquire(String name, Duration length) {
        return pool.preparedQuery("""
                insert into lease (name, owner, until) values ($1, $2, now() + make_interval(secs => $3))
                on conflict (name) do update set owner = excluded.owner, until = excluded.until
                 where lease.until < now() or lease.owner = excluded.owner
                returning name""")
                .execute(Tuple.of(name, owner, (double) length.toMillis() / 1000))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Void> release(String name) {
        return pool.preparedQuery("update lease set until = now() where name = $1 and owner = $2")
                .execute(Tuple.of(name, owner)).replaceWithVoid();
    }
}
