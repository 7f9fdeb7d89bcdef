package dev.sitesync.guard.store;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Order creations under an Idempotency-Key, made once by inserting first: the primary key (caller, key) decides which
 * of any number of concurrent requests creates the order. Every change of a claimed row names the claim's token, so a
 * request whose claim was taken over cannot overwrite what the one that took it over does.
 */
@Singleton
public class OrderRequestStore {

    /** What became of an earlier request with the key. */
    public record Earlier(String requestSha256, String state, UUID decisionId, Integer status, String response,
            boolean abandoned) {

        public boolean done() {
            return "done".equals(state);
        }

        /** Whether the next request may take it over: its request failed, or was abandoned by a process that died. */
        public boolean open() {
            return "retry".equals(state) || abandoned;
        }
    }

    private static final String CLAIM = """
            insert into order_request (caller, idempotency_key, request_sha256, state, claim_token, expires_at)
            values ($1, $2, $3, 'processing', $4, now() + $5::bigint * interval '1 millisecond')
            on conflict do nothing""";

    private static final String EARLIER = """
            select request_sha256, state, decision_id, status, response,
                   claimed_at < now() - $3::bigint * interval '1 millisecond' as abandoned
            from order_request where caller = $1 and idempotency_key = $2""";

    private static final String TAKE_OVER = """
            update order_request set state = 'processing', claim_token = $3, claimed_at = now()
            where caller = $1 and idempotency_key = $2
              and (state = 'retry' or (state = 'processing' and claimed_at < now() - $4::bigint * interval '1 millisecond'))
            returning decision_id""";

    private final Pool pool;

    public OrderRequestStore(Pool pool) {
        this.pool = pool;
    }

    /** Claims the key under this token; false when an earlier request holds it. */
    public Uni<Boolean> claim(String caller, String key, String requestSha256, UUID token, Duration kept) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(caller, key, requestSha256, token, kept.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The earlier request with the key; empty when it is gone (expired, or released after a failure). */
    public Uni<Optional<Earlier>> earlier(String caller, String key, Duration abandonedAfter) {
        return pool.preparedQuery(EARLIER).execute(Tuple.of(caller, key, abandonedAfter.toMillis()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(earlier(rows.iterator().next())));
    }

    /**
     * Takes over a request that failed or was abandoned, under a new token; answers the decision it had reached
     * (null when none), or empty when another request took it over first.
     */
    public Uni<Optional<Optional<UUID>>> takeOver(String caller, String key, UUID token, Duration abandonedAfter) {
        return pool.preparedQuery(TAKE_OVER).execute(Tuple.of(caller, key, token, abandonedAfter.toMillis()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(Optional.ofNullable(rows.iterator().next().getUUID("decision_id"))));
    }

    /** Notes the decision the claimed request reached, before it creates anything on the site. */
    public Uni<Void> decided(String caller, String key, UUID token, UUID decisionId) {
        return pool.preparedQuery("""
                update order_request set decision_id = $4
                where caller = $1 and idempotency_key = $2 and claim_token = $3""")
                .execute(Tuple.of(caller, key, token, decisionId)).replaceWithVoid();
    }

    /** Stores the answer; later requests with the key get it. False when the claim was taken over meanwhile. */
    public Uni<Boolean> complete(String caller, String key, UUID token, int status, String response) {
        return pool.preparedQuery("""
                update order_request set state = 'done', status = $4, response = $5
                where caller = $1 and idempotency_key = $2 and claim_token = $3""")
                .execute(Tuple.of(caller, key, token, status, response)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Gives the key back after a failure: forgotten when nothing was decided (the retry starts afresh), kept open with
     * its decision otherwise, so the retry looks for what the failed request may have created before creating anything.
     */
    public Uni<Void> release(String caller, String key, UUID token) {
        return pool.preparedQuery("""
                delete from order_request
                where caller = $1 and idempotency_key = $2 and claim_token = $3 and decision_id is null""")
                .execute(Tuple.of(caller, key, token))
                .flatMap(deleted -> deleted.rowCount() == 1
                        ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("""
                                update order_request set state = 'retry'
                                where caller = $1 and idempotency_key = $2 and claim_token = $3""")
                                .execute(Tuple.of(caller, key, token)).replaceWithVoid());
    }

    /** Deletes up to {@code limit} keys past their time; answers how many. */
    public Uni<Integer> purgeExpired(int limit) {
        return pool.preparedQuery("""
                delete from order_request where ctid in
                    (select ctid from order_request where expires_at < now() limit $1)""")
                .execute(Tuple.of(limit)).map(rows -> rows.rowCount());
    }

    private static Earlier earlier(Row row) {
        return new Earlier(row.getString("request_sha256"), row.getString("state"), row.getUUID("decision_id"),
                row.getInteger("status"), row.getString("response"), row.getBoolean("abandoned"));
    }
}
