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
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.guard.domain.ConfirmedPayment;

/**
 * Payment callbacks, made idempotent by inserting first: the primary key (provider, event ID) and, for payment
 * confirmations, the unique (provider, transaction ID) decide which of any number of concurrent duplicates processes
 * the event. The others read its result. A claim abandoned by a crashed or failed request can be taken over: the row
 * taken over is the one found, whichever delivery inserted it, and every later change of it names the new claim's
 * token, so the request that lost it can neither finish nor release it. The posting itself looks on the site for the
 * Payment Entry of the transaction, and a claim released after a write with an unknown outcome is taken over only once
 * a late commit would show, so a takeover never posts twice.
 */
@Singleton
public class PaymentEventStore {

    public static final String CONFIRMED = "CONFIRMED";

    private static final TypeReference<JsonNode> JSON = new TypeReference<>() {
    };

    private static final String INSERT = """
            insert into payment_event (provider, event_id, event_type, transaction_id, amount, currency, site,
                                       sales_order, customer, state, claim_token)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'processing', $10)
            on conflict do nothing""";

    private static final String EXISTING = """
            select event_id, state, outcome, result::text as result,
                   claimed_at < now() - $4::bigint * interval '1 millisecond' as abandoned,
                   retry_after is null or retry_after <= now() as settled
            from payment_event
            where provider = $1 and (event_id = $2 or (event_type = 'payment.succeeded' and transaction_id = $3))
            order by received_at limit 1""";

    private static final String RECLAIM = """
            update payment_event set state = 'processing', claimed_at = now(), claim_token = $3, retry_after = null
            where provider = $1 and event_id = $2
              and ((state = 'retry' and (retry_after is null or retry_after <= now()))
                or (state = 'processing' and claimed_at < now() - $4::bigint * interval '1 millisecond'))
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
        UUID token = UUID.randomUUID();
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[]{event.provider(), event.eventId(),
                event.type(), event.transactionId(), event.amount(), event.currency(), event.site(),
                event.salesOrder(), event.customer(), token}))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().item(new PaymentClaim.Claimed(event.eventId(), token))
                        : existing(event, abandonedAfter));
    }

    /** What became of an earlier callback of this event or transaction. */
    public Uni<PaymentClaim> existing(PaymentEvent event, Duration abandonedAfter) {
        Tuple key = Tuple.of(event.provider(), event.eventId(), event.transactionId(), abandonedAfter.toMillis());
        return pool.preparedQuery(EXISTING).execute(key).flatMap(rows -> {
            Row row = rows.iterator().next();
            String state = row.getString("state");
            if ("done".equals(state)) {
                return Uni.createFrom().item(new PaymentClaim.Finished(row.getString("outcome"),
                        json.read(row.getString("result"), JSON)));
            }
            boolean takeable = "retry".equals(state) ? row.getBoolean("settled") : row.getBoolean("abandoned");
            if (!takeable) {
                return Uni.createFrom().item(new PaymentClaim.InProgress());
            }
            UUID token = UUID.randomUUID();
            String claimedEvent = row.getString("event_id");
            return pool.preparedQuery(RECLAIM)
                    .execute(Tuple.of(event.provider(), claimedEvent, token, abandonedAfter.toMillis()))
                    .map(taken -> taken.rowCount() == 1
                            ? new PaymentClaim.Claimed(claimedEvent, token)
                            : new PaymentClaim.InProgress());
        });
    }

    /** Records the final result of a claimed event; duplicates answer with it from now on. False when it was taken over. */
    public Uni<Boolean> complete(String provider, PaymentClaim.Claimed claim, String outcome, Object result) {
        return pool.preparedQuery("""
                update payment_event set state = 'done', outcome = $4, result = $5::text::jsonb, completed_at = now()
                where provider = $1 and event_id = $2 and claim_token = $3""")
                .execute(Tuple.of(provider, claim.eventId(), claim.token(), outcome, json.write(result)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Gives a claim back after a failure worth retrying. The provider's next attempt takes it over once
     * {@code settle} has passed: at once when the site certainly wrote nothing, later when a write may still commit.
     */
    public Uni<Void> release(String provider, PaymentClaim.Claimed claim, Duration settle) {
        return pool.preparedQuery("""
                update payment_event set state = 'retry', retry_after = now() + $4::bigint * interval '1 millisecond'
                where provider = $1 and event_id = $2 and claim_token = $3 and state = 'processing'""")
                .execute(Tuple.of(provider, claim.eventId(), claim.token(), settle.toMillis())).replaceWithVoid();
    }

    /** A payment confirmed before its order, for this customer on this site, not yet used by any order. */
    public Uni<Optional<ConfirmedPayment>> findUnused(String provider, String transactionId, String site,
            String customer) {
        return pool.preparedQuery("""
                select amount, currency from payment_event
                where provider = $1 and transaction_id = $2 and event_type = 'payment.succeeded'
                  and state = 'done' and outcome = 'CONFIRMED' and decision_id is null
                  and site = $3 and customer = $4""")
                .execute(Tuple.of(provider, transactionId, site, customer))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(confirmed(provider, transactionId, rows.iterator().next())));
    }

    /** Takes the customer's unused payment for the order of this decision; empty when another order took it first. */
    public Uni<Optional<ConfirmedPayment>> use(String provider, String transactionId, String site, String customer,
            UUID decisionId) {
        return pool.preparedQuery("""
                update payment_event set decision_id = $5
                where provider = $1 and transaction_id = $2 and event_type = 'payment.succeeded'
                  and state = 'done' and outcome = 'CONFIRMED' and decision_id is null
                  and site = $3 and customer = $4
                returning amount, currency""")
                .execute(Tuple.of(provider, transactionId, site, customer, decisionId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(confirmed(provider, transactionId, rows.iterator().next())));
    }

    /** Frees the payment a decision took, when its order could not be completed after all; it pays no order now. */
    public Uni<Void> giveBack(UUID decisionId) {
        return pool.preparedQuery("update payment_event set decision_id = null, sales_order = null where decision_id = $1")
                .execute(Tuple.of(decisionId)).replaceWithVoid();
    }

    /** The payment that arrived for this order and waits, unposted, while the order is held for review. */
    public Uni<Optional<ConfirmedPayment>> heldFor(String site, String salesOrder) {
        return pool.preparedQuery("""
                select provider, transaction_id, amount, currency from payment_event
                where site = $1 and sales_order = $2 and event_type = 'payment.succeeded' and state = 'done'
                  and outcome = 'HELD'
                order by received_at limit 1""")
                .execute(Tuple.of(site, salesOrder))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(confirmed(
                                rows.iterator().next().getString("provider"),
                                rows.iterator().next().getString("transaction_id"),
                                rows.iterator().next())));
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

}
