package dev.sitesync.worker.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.IntakeReceipt;
import dev.sitesync.contracts.sync.WebhookEvent;

/** Webhook events taken from the gateway: committed before they are acknowledged, replays recognised. */
@ApplicationScoped
public class InboundEvents {

    private final Pool pool;

    public InboundEvents(Pool pool) {
        this.pool = pool;
    }

    /** A pending event: which document of which doctype to read again, in the trace of the webhook's intake. */
    public record Pending(long id, String doctype, String name, String traceparent) {
    }

    /** Commits the event, with the trace context of the request that brought it, unless it is a replay. */
    public Uni<IntakeReceipt> take(WebhookEvent event, String traceparent) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into inbound_event (site, doctype, name, modified, body_sha256, doc_event, traceparent)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict on constraint inbound_event_replay_key do nothing
                returning id""")
                .execute(Tuple.from(new Object[]{event.site(), event.doctype(), event.name(), event.modified(),
                        event.bodySha256(), event.docEvent(), traceparent}))
                .flatMap(rows -> rows.size() == 1
                        ? Uni.createFrom().item(new IntakeReceipt(rows.iterator().next().getLong("id"), false))
                        : connection.preparedQuery("""
                                select id from inbound_event where site = $1 and doctype = $2 and name = $3
                                   and modified = $4 and body_sha256 = $5""")
                                .execute(Tuple.of(event.site(), event.doctype(), event.name(), event.modified(),
                                        event.bodySha256()))
                                .map(existing -> new IntakeReceipt(existing.iterator().next().getLong("id"), true))));
    }

    /** Unhandled events, oldest first. */
    public Uni<List<Pending>> pending(int limit) {
        return pool.preparedQuery("""
                select id, doctype, name, traceparent from inbound_event where handled_at is null order by id limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> pending = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("doctype"), row.getString("name"),
                                row.getString("traceparent")));
                    }
                    return pending;
                });
    }

    public Uni<Void> handled(List<Long> ids) {
        return pool.preparedQuery("update inbound_event set handled_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    public Uni<Long> pendingCount() {
        return pool.query("select count(*) as n from inbound_event where handled_at is null").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
