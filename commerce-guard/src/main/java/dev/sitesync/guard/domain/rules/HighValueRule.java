package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.OrderTotals;
import dev.sitesync.guard.domain.SalesOrder;

/** An order whose grand total, in the company's currency, reaches the threshold gets a second look. */
public final class HighValueRule implements OrderRule {

    public static final String NAME = "high-value";

    private final RuleSeverity severity;
    private final BigDecimal threshold;

    public HighValueRule(RuleSeverity severity, BigDecimal threshold) {
        this.severity = severity;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Evidence.of("severity", severity.value(), "threshold", threshold);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        BigDecimal value = OrderTotals.of(order).baseGrandTotal(order);
        if (value.compareTo(threshold) < 0) {
            return List.of();
        }
        return List.of(Finding.raises(NAME, severity.value(),
                "The order is worth %s, at or above the %s threshold".formatted(value.toPlainString(),
                        threshold.toPlainString()),
                Evidence.of("base_grand_total", value, "threshold", threshold))
                .advising("The order's value needs a person to look at it"));
    }
}
