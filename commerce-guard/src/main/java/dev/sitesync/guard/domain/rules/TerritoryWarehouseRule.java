package dev.sitesync.guard.domain.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * Lines ship only from the warehouses mapped to the customer's territory. Territories without a mapping are not
 * restricted; an order that names no territory cannot be checked, which is recorded as a neutral finding.
 */
public final class TerritoryWarehouseRule extends SeverityRule {

    public static final String NAME = "warehouse-territory-mismatch";

    public TerritoryWarehouseRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        if (facts.territoryWarehouses().isEmpty()) {
            return List.of();
        }
        if (order.territory() == null || order.territory().isBlank()) {
            return List.of(Finding.neutral(NAME, "The order names no territory, so its warehouses were not checked",
                    Evidence.of("territory", "")));
        }
        Set<String> allowed = facts.territoryWarehouses().get(order.territory());
        if (allowed == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            String warehouse = order.warehouseOf(item);
            if (warehouse != null && !allowed.contains(warehouse)) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "Line %d (%s) ships from %s, which does not serve territory %s".formatted(line + 1,
                                item.itemCode(), warehouse, order.territory()),
                        Evidence.of("line", line + 1, "item_code", item.itemCode(), "warehouse", warehouse, "territory",
                                order.territory(), "territory_warehouses", List.copyOf(new TreeSet<>(allowed)))));
            }
        }
        return findings;
    }
}
