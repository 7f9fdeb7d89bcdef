package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.sitesync.guard.domain.BinKey;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * A line sold below what one unit cost (the Bin's valuation rate), compared in the company's currency per stock unit.
 * Lines whose cost is unknown are not judged.
 */
public final class NegativeMarginRule extends SeverityRule {

    public static final String NAME = "negative-margin";

    public NegativeMarginRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            String warehouse = order.warehouseOf(item);
            if (warehouse == null || warehouse.isBlank()) {
                continue;
            }
            BigDecimal cost = facts.stockOf(new BinKey(item.itemCode(), warehouse)).valuationRate();
            if (cost == null || cost.signum() <= 0) {
                continue;
            }
            BigDecimal perStockUnit = item.conversionFactor() == null
                    ? item.rate()
                    : item.rate().divide(item.conversionFactor(), 6, java.math.RoundingMode.HALF_UP);
            BigDecimal baseRate = perStockUnit.multiply(order.effectiveConversionRate());
            if (baseRate.compareTo(cost) < 0) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "Line %d (%s) sells at %s, below its valuation rate %s".formatted(line + 1, item.itemCode(),
                                baseRate.stripTrailingZeros().toPlainString(), cost.stripTrailingZeros().toPlainString()),
                        Evidence.of("line", line + 1, "item_code", item.itemCode(), "warehouse", warehouse, "base_rate",
                                baseRate, "valuation_rate", cost))
                        .advising("Line %d (%s) is priced lower than the site allows".formatted(line + 1,
                                item.itemCode())));
            }
        }
        return findings;
    }
}
