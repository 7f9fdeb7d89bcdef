package dev.sitesync.guard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Verdict;

/** Decisions and the Sales Orders they led to. Decisions are only ever inserted (a trigger refuses changes). */
@Singleton
public class DecisionStore {

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };

    private static final String SELECT = """
            select d.decision_id, d.site, d.caller, d.channel, d.order_hash, d.customer, d.company, d.currency,
                   d.grand_total, d.item_count, d.verdict, d.shadow_verdict, d.ruleset_version, d.findings::text as findings,
                   d.created_at, o.sales_order, o.submitted
            from decision d left join decision_order o using (decision_id)""";

    private final Pool pool;
    private final JsonColumns json;
    private final DecisionWriter writer;

    public DecisionStore(Pool pool, JsonColumns json, DecisionWriter writer) {
        this.pool = pool;
        this.json = json;
        this.writer = writer;
    }

    /** Stores a decision (batched with those stored at the same moment); completes once it is committed. */
    public Uni<Void> insert(StoredDecision decision) {
        return writer.write(decision);
    }

    /** Records the Sales Order a decision led to; a decision leads to one order at most. */
    public Uni<Void> recordOrder(UUID decisionId, String site, String salesOrder, boolean submitted) {
        return pool.preparedQuery("""
                insert into decision_order (decision_id, site, sales_order, submitted) values ($1, $2, $3, $4)""")
                .execute(Tuple.of(decisionId, site, salesOrder, submitted)).replaceWithVoid();
    }

    /** Forgets the order a decision led to, when it was withdrawn from the site (a paid order that could not be completed). */
    public Uni<Void> forgetOrder(UUID decisionId) {
        return pool.preparedQuery("delete from decision_order where decision_id = $1").execute(Tuple.of(decisionId))
                .replaceWithVoid();
    }

    /**
     * Of these Sales Orders, the ones the guard created and has not submitted, with their decisions: a submitted one of
     * them was submitted on the site, not by the guard.
     */
    public Uni<List<StoredDecision>> unsubmittedAmong(String site, List<String> salesOrders) {
        return pool.preparedQuery(SELECT + " where o.site = $1 and o.sales_order = any($2) and not o.submitted")
                .execute(Tuple.of(site, salesOrders.toArray(String[]::new))).map(rows -> {
                    List<StoredDecision> found = new ArrayList<>();
                    rows.forEach(row -> found.add(read(row)));
                    return found;
                });
    }

    /** Marks the order submitted once its payment arrived. */
    public Uni<Void> markSubmitted(String site, String salesOrder) {
        return pool.preparedQuery("update decision_order set submitted = true where site = $1 and sales_order = $2")
                .execute(Tuple.of(site, salesOrder)).replaceWithVoid();
    }

    public Uni<Optional<StoredDecision>> find(UUID decisionId) {
        return pool.preparedQuery(SELECT + " where d.decision_id = $1").execute(Tuple.of(decisionId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The decision that created this Sales Order through the guard, if it was created so. */
    public Uni<Optional<StoredDecision>> findBySalesOrder(String site, String salesOrder) {
        return pool.preparedQuery(SELECT + " where o.site = $1 and o.sales_order = $2")
                .execute(Tuple.of(site, salesOrder))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    private StoredDecision read(Row row) {
        return new StoredDecision(row.getUUID("decision_id"), row.getString("site"), row.getString("caller"),
                row.getString("channel"), row.getString("order_hash"), row.getString("customer"),
                row.getString("company"), row.getString("currency"), row.getBigDecimal("grand_total"),
                row.getInteger("item_count"), Verdict.valueOf(row.getString("verdict")),
                Verdict.valueOf(row.getString("shadow_verdict")), row.getString("ruleset_version"),
                json.read(row.getString("findings"), FINDINGS), row.getOffsetDateTime("created_at"),
                row.getString("sales_order"), row.getBoolean("submitted"));
    }
}
