package dev.sitesync.guard.domain.rules;

import java.util.List;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.SalesOrder;

/** A return must name the order it returns, or money and stock come back against nothing. */
public final class ReturnWithoutOriginRule extends SeverityRule {

    public static final String NAME = "return-without-origin";

    public ReturnWithoutOriginRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        if (!order.isReturnOrder() || (order.returnAgainst() != null && !order.returnAgainst().isBlank())) {
            return List.of();
        }
        return List.of(Finding.raises(NAME, severity.value(), "The return names no original order in return_against",
                Evidence.of("is_return", 1, "return_against", "")));
    }
}
