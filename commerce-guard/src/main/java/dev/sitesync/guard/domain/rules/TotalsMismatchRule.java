package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.OrderTotals;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * The amounts and totals an order states must match its lines, taxes and discounts within a rounding tolerance: a
 * storefront that shows one total and sends lines adding up to another charges the customer something else than the
 * ledger will say. Totals the order leaves out are the site's to compute and are not judged.
 */
public final class TotalsMismatchRule implements OrderRule {

    public static final String NAME = "totals-inconsistent";

    private final RuleSeverity severity;
    private final BigDecimal tolerance;
    private final BigDecimal roundingAllowance;

    /**
     * @param tolerance the difference allowed on each amount and total, for rounding in the storefront
     * @param roundingAllowance how far {@code rounded_total} may be from the grand total (ERPNext rounds to a whole unit)
     */
    public TotalsMismatchRule(RuleSeverity severity, BigDecimal tolerance, BigDecimal roundingAllowance) {
        this.severity = severity;
        this.tolerance = tolerance;
        this.roundingAllowance = roundingAllowance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Evidence.of("severity", severity.value(), "tolerance", tolerance, "rounding_allowance",
                roundingAllowance);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            compare("items[" + line + "].amount", item.amount(), item.lineAmount(), tolerance, findings);
        }
        OrderTotals totals = OrderTotals.of(order);
        compare("total", order.total(), totals.total(), tolerance, findings);
        boolean discountOnNet = "Net Total".equals(order.applyDiscountOn()) || totals.discount().signum() == 0;
        if (discountOnNet) {
            compare("net_total", order.netTotal(), totals.netTotal(), tolerance, findings);
        }
        if (totals.taxesKnown()) {
            if (discountOnNet) {
                compare("total_taxes_and_charges", order.totalTaxesAndCharges(), totals.taxes(), tolerance, findings);
            }
            compare("grand_total", order.grandTotal(), totals.grandTotal(), tolerance, findings);
            compare("rounded_total", order.roundedTotal(), totals.grandTotal(), roundingAllowance.add(tolerance),
                    findings);
        }
        return findings;
    }

    private void compare(String field, BigDecimal stated, BigDecimal computed, BigDecimal allowed,
            List<Finding> findings) {
        if (stated == null) {
            return;
        }
        BigDecimal difference = stated.subtract(computed);
        if (difference.abs().compareTo(allowed) > 0) {
            findings.add(Finding.raises(NAME, severity.value(),
                    "%s is %s but the order's lines make it %s".formatted(field, stated.toPlainString(),
                            computed.toPlainString()),
                    Evidence.of("field", field, "stated", stated, "computed", computed, "difference", difference,
                            "tolerance", allowed)));
        }
    }
}
