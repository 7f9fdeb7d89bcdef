package dev.sitesync.guard.domain.rules;

import java.util.List;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.SalesOrder;

/** An order with neither tax rows nor a taxes template would be invoiced without tax. */
public final class TaxesMissingRule extends SeverityRule {

    public static final String NAME = "taxes-missing";

    public TaxesMissingRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        boolean template = order.taxesAndCharges() != null && !order.taxesAndCharges().isBlank();
        if (!order.taxes().isEmpty() || template) {
            return List.of();
        }
        return List.of(Finding.raises(NAME, severity.value(),
                "The order has no tax rows and no taxes and charges template",
                Evidence.of("taxes", 0, "taxes_and_charges", "")));
    }
}
