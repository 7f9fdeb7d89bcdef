package dev.sitesync.worker.store;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerIdentity;

/**
 * Named leases shared by the replicas of one site's worker: whoever holds "capture:Item" is the only one capturing
 * Item. Each taking of a lease gets a fencing token, larger than any before it; work done under the lease commits
 * only while its token is still the lease's ({@link #check}), so a replica that lost its lease (a pause, a slow
 * call) cannot write after another took over.
 */
@ApplicationScoped
public class Leases {

    private final Pool pool;
    private final String owner;

    public Leases(Pool pool, WorkerIdentity identity) {
        this.pool = pool;
        this.owner = identity.id();
    }

    /** The owner leases are taken as: this process. */
    public String owner() {
        return owner;
    }

    /**
     * Takes the lease when it is free or ran out, answering its new fencing token; empty while another holder's lease
     * runs. A lease this process holds is taken again too (a new token): two pieces of work of one process never
     * share a lease through this method.
     */
    public Uni<Optional<Long>> acquire(String name, Duration length) {
        return pool.preparedQuery("""
                insert into lease (name, owner, until, fence) values ($1, $2, now() + make_interval(secs => $3), 1)
                on conflict (name) do update set owner = excluded.owner, until = excluded.until, fence = lease.fence + 1
                 where lease.until < now() or lease.owner = excluded.owner
                returning fence""")
                .execute(Tuple.of(name, owner, seconds(length)))
                .map(rows -> rows.size() == 1 ? Optional.of(rows.iterator().next().getLong("fence")) : Optional.empty());
    }

    /**
     * Extends a lease still held under this token; false when it changed hands since. A lease that ran out but that
     * nobody took is extended: no other work happened under it.
     */
    public Uni<Boolean> renew(String name, long fence, Duration length) {
        return pool.preparedQuery("""
                update lease set until = now() + make_interval(secs => $4)
                 where name = $1 and owner = $2 and fence = $3 returning name""")
                .execute(Tuple.of(name, owner, fence, seconds(length)))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Whether the lease is still held under this token, checked inside the transaction that commits the work: the row
     * is locked until that transaction ends, so nobody takes the lease over between the check and the commit.
     */
    public Uni<Boolean> check(SqlConnection connection, String name, long fence) {
        return connection.preparedQuery("select 1 from lease where name = $1 and owner = $2 and fence = $3 for share")
                .execute(Tuple.of(name, owner, fence))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Void> release(String name, long fence) {
        return pool.preparedQuery("update lease set until = now() where name = $1 and owner = $2 and fence = $3")
                .execute(Tuple.of(name, owner, fence)).replaceWithVoid();
    }

    private static double seconds(Duration length) {
        return (double) length.toMillis() / 1000;
    }
}
