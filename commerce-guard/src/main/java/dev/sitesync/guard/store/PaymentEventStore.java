package dev.sitesync.guard.store;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.guard.domain.ConfirmedPayment;

/**
 * Payment callbacks, made idempotent by inserting first: the primary key (provider, event ID) and, for payment
 * confirmations, the unique (provider, transaction ID) decide which of any number of concurrent duplicates processes
 * the event. The others read its result. A claim abandoned by a crashed or failed request can be taken over, and the
 * posting itself checks the site for an existing Payment Entry, so a takeover never posts twice.
 */
@Singleton
public class PaymentEventStore {

    public static final String CONFIRMED = "CONFIRMED";

    private static final TypeReference<JsonNode> JSON = new TypeReference<>() {
    };

    private static final String INSERT = """
            insert into payment_event (provider, event_id, event_type, transaction_id, amount, currency, site,
                                       sales_order, state)
            values ($1, $2, $3, $4, $5, $6, $7, $8, 'processing')
            on conflict do nothing""";

    private static final String EXISTING = """
            select state, outcome, result::text as result, claimed_at < now() - $4::bigint * interval '1 millisecond' as abandoned
            from payment_event
            where provider = $1 and (event_id = $2 or (event_type = 'payment.succeeded' and transaction_id = $3))
            order by received_at limit 1""";

    private static final String RECLAIM = """
            update payment_event set state = 'processing', claimed_at = now()
            where provider = $1 and (event_id = $2 or (event_type = 'payment.succeeded' and transaction_id = $3))
              and (state = 'retry' or (state = 'processing' and claimed_at < now() - $4::bigint * interval '1 millisecond'))
            returning event_id""";

    private final Pool pool;
    private final JsonColumns json;

    public PaymentEventStore(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Claims the event for this request, or tells who has it. A claim older than {@code abandonedAfter}, or one given
     * back after a failure, is taken over.
     */
    public Uni<PaymentClaim> claim(PaymentEvent event, Duration abandonedAfter) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[]{event.provider(), event.eventId(),
                event.type(), event.transactionId(), event.amount(), event.currency(), event.site(),
                event.salesOrder()}))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().item(new PaymentClaim.Claimed())
                        : existing(event, abandonedAfter));
    }

    /** What became of an earlier callback of this event or transaction. */
    public Uni<PaymentClaim> existing(PaymentEvent event, Duration abandonedAfter) {
        Tuple key = Tuple.of(event.provider(), event.eventId(), event.transactionId(), abandonedAfter.toMillis());
        return pool.preparedQuery(EXISTING).execute(key).flatMap(rows -> {
            Row row = rows.iterator().next();
            if ("done".equals(row.getString("state"))) {
                return Uni.createFrom().item(new PaymentClaim.Finished(row.getString("outcome"),
                        json.read(row.getString("result"), JSON)));
            }
            if ("retry".equals(row.getString("state")) || row.getBoolean("abandoned")) {
                return pool.preparedQuery(RECLAIM).execute(key).map(PaymentEventStore::claimedIfUpdated);
            }
            return Uni.createFrom().item(new PaymentClaim.InProgress());
        });
    }

    /** Records the final result of a claimed event; duplicates answer with it from now on. */
    public Uni<Void> complete(PaymentEvent event, String outcome, Object result) {
        return pool.preparedQuery("""
                update payment_event set state = 'done', outcome = $3, result = $4::text::jsonb, completed_at = now()
                where provider = $1 and event_id = $2""")
                .execute(Tuple.of(event.provider(), event.eventId(), outcome, json.write(result))).replaceWithVoid();
    }

    /** Gives a claim back after a failure worth retrying, so the provider's next attempt takes it at once. */
    public Uni<Void> release(PaymentEvent event) {
        return pool.preparedQuery(
                "update payment_event set state = 'retry' where provider = $1 and event_id = $2 and state = 'processing'")
                .execute(Tuple.of(event.provider(), event.eventId())).replaceWithVoid();
    }

    /** A payment confirmed before its order, not yet used by any order. */
    public Uni<Optional<ConfirmedPayment>> findUnused(String provider, String transactionId) {
        return pool.preparedQuery("""
                select amount, currency from payment_event
                where provider = $1 and transaction_id = $2 and event_type = 'payment.succeeded'
                  and state = 'done' and outcome = 'CONFIRMED' and decision_id is null""")
                .execute(Tuple.of(provider, transactionId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(confirmed(provider, transactionId,
                                rows.iterator().next())));
    }

    /** Takes an unused payment for the order of this decision; empty when another order took it first. */
    public Uni<Optional<ConfirmedPayment>> use(String provider, String transactionId, UUID decisionId) {
        return pool.preparedQuery("""
                update payment_event set decision_id = $3
                where provider = $1 and transaction_id = $2 and event_type = 'payment.succeeded'
                  and state = 'done' and outcome = 'CONFIRMED' and decision_id is null
                returning amount, currency""")
                .execute(Tuple.of(provider, transactionId, decisionId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(confirmed(provider, transactionId,
                                rows.iterator().next())));
    }

    /** Frees the payment a decision took, when its order could not be created after all. */
    public Uni<Void> giveBack(UUID decisionId) {
        return pool.preparedQuery("update payment_event set decision_id = null where decision_id = $1")
                .execute(Tuple.of(decisionId)).replaceWithVoid();
    }

    /** Records the order a payment made before its order was posted against (its callback's result stays). */
    public Uni<Void> recordOrder(String provider, String transactionId, String site, String salesOrder) {
        return pool.preparedQuery("""
                update payment_event set site = $3, sales_order = $4
                where provider = $1 and transaction_id = $2 and event_type = 'payment.succeeded'""")
                .execute(Tuple.of(provider, transactionId, site, salesOrder)).replaceWithVoid();
    }

    private static ConfirmedPayment confirmed(String provider, String transactionId, Row row) {
        return new ConfirmedPayment(provider, transactionId, row.getBigDecimal("amount"), row.getString("currency"));
    }

    private static PaymentClaim claimedIfUpdated(RowSet<Row> rows) {
        return rows.rowCount() == 1 ? new PaymentClaim.Claimed() : new PaymentClaim.InProgress();
    }
}
