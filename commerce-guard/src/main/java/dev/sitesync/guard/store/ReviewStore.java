package dev.sitesync.guard.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The review queue: orders held for a person, and what each person decided. A hold is opened once per decision; a
 * review is recorded once and never changed (a trigger refuses it), under a lock per decision held while the reviewer's
 * decision is carried out on the site, so two reviewers never act on one order at once.
 */
@Singleton
public class ReviewStore {

    private static final TypeReference<List<String>> RULES = new TypeReference<>() {
    };

    private static final String SELECT = """
            select h.decision_id, h.site, h.sales_order, h.reason, h.rules::text as rules, h.held_at, d.caller,
                   d.customer, d.company, d.grand_total, d.currency,
                   exists (select 1 from payment_event p where p.site = h.site and p.sales_order = h.sales_order
                           and p.event_type = 'payment.succeeded' and p.state = 'done' and p.outcome = 'HELD') as payment_held,
                   r.outcome, r.reviewer, r.comment, r.submitted, r.payment_entry, r.decided_at
            from order_hold h join decision d using (decision_id) left join review_decision r using (decision_id)""";

    private static final String OPEN_PAGE = SELECT + """

            where r.decision_id is null
              and ($1::varchar is null or h.site = $1)
              and ($2::varchar is null or h.rules ? $2)
              and ($3::bigint is null or h.held_at < now() - $3::bigint * interval '1 millisecond')
              and ($4::timestamptz is null or (h.held_at, h.decision_id) > ($4, $5))
            order by h.held_at, h.decision_id
            limit $6""";

    /** The queue's size and age per site, for the gauges. */
    public record Depth(String site, long open, OffsetDateTime oldest) {
    }

    private final Pool pool;
    private final JsonColumns json;

    public ReviewStore(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Holds the order of this decision for review; an order already held stays as it is. */
    public Uni<Void> hold(UUID decisionId, String site, String salesOrder, String reason, List<String> rules) {
        return pool.preparedQuery("""
                insert into order_hold (decision_id, site, sales_order, reason, rules)
                values ($1, $2, $3, $4, $5::text::jsonb) on conflict do nothing""")
                .execute(Tuple.of(decisionId, site, salesOrder, reason, json.write(rules))).replaceWithVoid();
    }

    /**
     * Orders waiting for a decision, longest waiting first, optionally of one site, held for one rule, or held for
     * longer than {@code olderThan}; after the one held at {@code afterHeldAt} with ID {@code afterDecision}.
     */
    public Uni<List<HeldOrder>> open(String site, String rule, Duration olderThan, OffsetDateTime afterHeldAt,
            UUID afterDecision, int limit) {
        return pool.preparedQuery(OPEN_PAGE).execute(Tuple.from(new Object[]{site, rule,
                olderThan == null ? null : olderThan.toMillis(), afterHeldAt, afterDecision, limit}))
                .map(rows -> {
                    List<HeldOrder> page = new ArrayList<>();
                    rows.forEach(row -> page.add(read(row)));
                    return page;
                });
    }

    public Uni<Optional<HeldOrder>> find(UUID decisionId) {
        return find(pool, decisionId);
    }

    /**
     * What became of a decision asked for: the held order as it stands (empty when not held), and whether this call
     * recorded the review (false: another reviewer's came first).
     */
    public record Decided(Optional<HeldOrder> held, boolean recorded) {
    }

    /**
     * Carries out a person's decision about a held order under a lock on it: {@code act} runs only while no review is
     * recorded, and the review it answers is recorded in the same transaction.
     */
    public Uni<Decided> decide(UUID decisionId, Function<HeldOrder, Uni<HeldOrder.Review>> act) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("review " + decisionId))
                .flatMap(locked -> find(connection, decisionId))
                .flatMap(held -> {
                    if (held.isEmpty() || held.get().review() != null) {
                        return Uni.createFrom().item(new Decided(held, false));
                    }
                    return act.apply(held.get()).flatMap(review -> connection.preparedQuery("""
                            insert into review_decision (decision_id, outcome, reviewer, comment, submitted, payment_entry)
                            values ($1, $2, $3, $4, $5, $6)""")
                            .execute(Tuple.from(new Object[]{decisionId, review.outcome(), review.reviewer(),
                                    review.comment(), review.submitted(), review.paymentEntry()}))
                            .flatMap(recorded -> find(connection, decisionId))
                            .map(decided -> new Decided(decided, true)));
                }));
    }

    /** Whether a person approved the order of this decision. */
    public Uni<Boolean> approved(UUID decisionId) {
        return pool.preparedQuery("select 1 from review_decision where decision_id = $1 and outcome = 'APPROVED'")
                .execute(Tuple.of(decisionId)).map(rows -> rows.size() > 0);
    }

    /** Per site, how many orders wait and since when the longest has. */
    public Uni<List<Depth>> depths() {
        return pool.preparedQuery("""
                select h.site, count(*) as open, min(h.held_at) as oldest
                from order_hold h left join review_decision r using (decision_id)
                where r.decision_id is null group by h.site""").execute().map(rows -> {
            List<Depth> depths = new ArrayList<>();
            rows.forEach(row -> depths.add(new Depth(row.getString("site"), row.getLong("open"),
                    row.getOffsetDateTime("oldest"))));
            return depths;
        });
    }

    private Uni<Optional<HeldOrder>> find(SqlClient client, UUID decisionId) {
        return client.preparedQuery(SELECT + " where h.decision_id = $1").execute(Tuple.of(decisionId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    private HeldOrder read(Row row) {
        HeldOrder.Review review = row.getString("outcome") == null
                ? null
                : new HeldOrder.Review(row.getString("outcome"), row.getString("reviewer"), row.getString("comment"),
                        row.getBoolean("submitted"), row.getString("payment_entry"),
                        row.getOffsetDateTime("decided_at"));
        return new HeldOrder(row.getUUID("decision_id"), row.getString("site"), row.getString("sales_order"),
                row.getString("reason"), json.read(row.getString("rules"), RULES), row.getOffsetDateTime("held_at"),
                row.getString("caller"), row.getString("customer"), row.getString("company"),
                row.getBigDecimal("grand_total"), row.getString("currency"), row.getBoolean("payment_held"), review);
    }
}
