package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.BinKey;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.SalesOrder;
import dev.sitesync.guard.domain.StockLevel;

/**
 * Each (item, warehouse) the order ships from must have enough projected stock for all its lines together; a line with
 * no warehouse at all cannot be reserved. Every order is checked: a Sales Order is never a return.
 */
public final class StockShortRule extends SeverityRule {

    public static final String NAME = "stock-short";

    public StockShortRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        List<Finding> findings = new ArrayList<>();
        Map<BinKey, BigDecimal> needed = new LinkedHashMap<>();
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            String warehouse = order.warehouseOf(item);
            if (warehouse == null || warehouse.isBlank()) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "Line %d (%s) names no warehouse, so no stock can be reserved for it".formatted(line + 1,
                                item.itemCode()),
                        Evidence.of("line", line + 1, "item_code", item.itemCode())));
                continue;
            }
            needed.merge(new BinKey(item.itemCode(), warehouse), item.stockQty(), BigDecimal::add);
        }
        needed.forEach((key, qty) -> {
            StockLevel level = facts.stockOf(key);
            if (level.projected().compareTo(qty) < 0) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "%s in %s: %s needed, %s projected".formatted(key.itemCode(), key.warehouse(),
                                qty.stripTrailingZeros().toPlainString(),
                                level.projected().stripTrailingZeros().toPlainString()),
                        Evidence.of("item_code", key.itemCode(), "warehouse", key.warehouse(), "needed_qty", qty,
                                "projected_qty", level.projected(), "short_by", qty.subtract(level.projected())))
                        .advising("%s in %s: not enough stock for %s; order less, later, or from another warehouse"
                                .formatted(key.itemCode(), key.warehouse(), qty.stripTrailingZeros().toPlainString())));
            }
        });
        return findings;
    }
}
