package dev.sitesync.guard.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.guard.client.BinLookup;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.domain.BinKey;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.domain.StockLevel;
import dev.sitesync.guard.domain.rules.StockShortRule;
import dev.sitesync.guard.store.DecisionStore;

/**
 * Submits a Sales Order only while its stock is there. A draft reserves nothing in ERPNext, so stock checked when the
 * draft was made may have been promised to other orders since: before submitting, the order's Bins are read again,
 * fresh, and compared with what it needs. The check and the submit run under a PostgreSQL advisory lock per (site,
 * item, warehouse), taken in one order, so no two replicas promise the same units; the submit raises the Bins'
 * reserved quantity, which the next order's check then sees.
 */
@Singleton
public class StockCheckedSubmit {

    /** Submitted, or not for the shortages found. */
    public record Outcome(boolean submitted, List<Finding> shortages) {
    }

    /** Why an order joins the review queue when its stock is gone by the time it is paid. */
    public static final String HOLD_REASON = "stock";

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended($1, 0))";

    private final Pool pool;
    private final BinLookup bins;
    private final SiteOrders orders;
    private final DecisionStore decisions;

    public StockCheckedSubmit(Pool pool, BinLookup bins, SiteOrders orders, DecisionStore decisions) {
        this.pool = pool;
        this.bins = bins;
        this.orders = orders;
        this.decisions = decisions;
    }

    /** Submits the order as the site holds it, if every (item, warehouse) it ships from has what it needs now. */
    public Uni<Outcome> submit(String site, ObjectNode order) {
        String name = order.path("name").asText();
        Map<BinKey, BigDecimal> needed = needs(order);
        return pool.withTransaction(connection -> lock(connection, site, needed)
                .flatMap(locked -> bins.fresh(site, needed.keySet()))
                .flatMap(levels -> {
                    List<Finding> shortages = shortages(name, needed, levels);
                    if (!shortages.isEmpty()) {
                        return Uni.createFrom().item(new Outcome(false, shortages));
                    }
                    return orders.submit(site, name).flatMap(submitted -> decisions.markSubmitted(site, name))
                            .replaceWith(new Outcome(true, List.of()));
                }));
    }

    private static Uni<Void> lock(SqlConnection connection, String site, Map<BinKey, BigDecimal> needed) {
        TreeSet<String> keys = new TreeSet<>();
        needed.keySet().forEach(key -> keys.add(site + "\n" + key.itemCode() + "\n" + key.warehouse()));
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(key -> connection.preparedQuery(LOCK).execute(Tuple.of(key)))
                .collect().last().replaceWithVoid();
    }

    /** What the order needs per (item, warehouse), in stock units, as the site computed it. */
    private static Map<BinKey, BigDecimal> needs(ObjectNode order) {
        Map<BinKey, BigDecimal> needed = new LinkedHashMap<>();
        for (JsonNode line : order.path("items")) {
            String warehouse = line.path("warehouse").asText("");
            if (warehouse.isEmpty()) {
                warehouse = order.path("set_warehouse").asText("");
            }
            BigDecimal quantity = line.hasNonNull("stock_qty")
                    ? line.path("stock_qty").decimalValue()
                    : line.path("qty").decimalValue();
            needed.merge(new BinKey(line.path("item_code").asText(), warehouse), quantity, BigDecimal::add);
        }
        return needed;
    }

    private static List<Finding> shortages(String salesOrder, Map<BinKey, BigDecimal> needed,
            Map<BinKey, StockLevel> levels) {
        List<Finding> shortages = new ArrayList<>();
        needed.forEach((key, quantity) -> {
            BigDecimal projected = levels.getOrDefault(key, StockLevel.NO_BIN).projected();
            if (projected.compareTo(quantity) < 0) {
                shortages.add(Finding.raises(StockShortRule.NAME, Severity.REVIEW,
                        "Sales Order %s was paid but %s in %s has %s projected for the %s it needs".formatted(salesOrder,
                                key.itemCode(), key.warehouse(), projected.stripTrailingZeros().toPlainString(),
                                quantity.stripTrailingZeros().toPlainString()),
                        Evidence.of("sales_order", salesOrder, "item_code", key.itemCode(), "warehouse",
                                key.warehouse(), "needed_qty", quantity, "projected_qty", projected)));
            }
        });
        return shortages;
    }
}
