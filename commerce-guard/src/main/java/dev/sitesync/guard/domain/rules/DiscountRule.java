package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.ItemPrice;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.OrderTotals;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * No line and no additional discount may take more than the threshold off. A line's discount is the larger of its
 * stated {@code discount_percentage} and what its rate takes off the site's own price for the item (the Item Price of
 * the order's price list): the {@code price_list_rate} a storefront sends is never the reference, or it could hide any
 * discount by sending its own rate as the list price. A line whose item has no price on the list cannot be measured,
 * and an order priced from a list the caller may not use is measured against nothing; both are findings.
 */
public final class DiscountRule implements OrderRule {

    public static final String NAME = "discount-above-threshold";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final RuleSeverity severity;
    private final BigDecimal maxPercent;

    public DiscountRule(RuleSeverity severity, BigDecimal maxPercent) {
        this.severity = severity;
        this.maxPercent = maxPercent;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Evidence.of("severity", severity.value(), "max_percent", maxPercent);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        List<Finding> findings = new ArrayList<>();
        if (!facts.allowedPriceLists().contains(facts.priceList())) {
            findings.add(Finding.raises(NAME, severity.value(),
                    "The order is priced from price list '%s', which this caller may not use".formatted(facts.priceList()),
                    Evidence.of("selling_price_list", facts.priceList(), "allowed_price_lists",
                            List.copyOf(new TreeSet<>(facts.allowedPriceLists()))))
                    .advising("Price the order from a price list this storefront may use"));
            return findings;
        }
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            ItemPrice price = facts.prices().get(item.itemCode());
            if (price == null) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "Line %d (%s) has no price on price list %s, so its rate cannot be checked".formatted(line + 1,
                                item.itemCode(), facts.priceList()),
                        Evidence.of("line", line + 1, "item_code", item.itemCode(), "price_list", facts.priceList(),
                                "rate", item.rate())));
                continue;
            }
            BigDecimal listed = price.forLine(item);
            BigDecimal percent = lineDiscount(item, listed);
            if (percent.compareTo(maxPercent) > 0) {
                findings.add(Finding.raises(NAME, severity.value(),
                        "Line %d (%s) is discounted %s%%, above the %s%% allowed".formatted(line + 1, item.itemCode(),
                                percent.toPlainString(), maxPercent.toPlainString()),
                        Evidence.of("line", line + 1, "item_code", item.itemCode(), "discount_percent", percent,
                                "price_list", facts.priceList(), "price_list_rate", listed, "rate", item.rate(),
                                "max_percent", maxPercent))
                        .advising("Line %d (%s) is discounted more than is allowed".formatted(line + 1,
                                item.itemCode())));
            }
        }
        BigDecimal additional = additionalDiscount(order);
        if (additional.compareTo(maxPercent) > 0) {
            findings.add(Finding.raises(NAME, severity.value(),
                    "The additional discount is %s%% of the order, above the %s%% allowed"
                            .formatted(additional.toPlainString(), maxPercent.toPlainString()),
                    Evidence.of("additional_discount_percent", additional, "discount_amount", order.discountAmount(),
                            "apply_discount_on", order.applyDiscountOn(), "max_percent", maxPercent))
                    .advising("The order's additional discount is more than is allowed"));
        }
        return findings;
    }

    private static BigDecimal lineDiscount(OrderItem item, BigDecimal listed) {
        BigDecimal stated = item.discountPercentage() == null ? BigDecimal.ZERO : item.discountPercentage();
        if (listed.signum() == 0) {
            return stated;
        }
        BigDecimal effective = HUNDRED.subtract(item.rate().multiply(HUNDRED).divide(listed, 2, RoundingMode.HALF_UP));
        return effective.max(stated);
    }

    /** The additional discount as a percentage of what it applies to, whether given as a percentage or an amount. */
    private static BigDecimal additionalDiscount(SalesOrder order) {
        BigDecimal stated = order.additionalDiscountPercentage() == null
                ? BigDecimal.ZERO
                : order.additionalDiscountPercentage();
        if (order.discountAmount() == null || order.discountAmount().signum() == 0) {
            return stated;
        }
        OrderTotals totals = OrderTotals.of(order);
        BigDecimal base = "Net Total".equals(order.applyDiscountOn())
                ? totals.total()
                : totals.grandTotal().add(totals.discount());
        if (base.signum() <= 0) {
            return stated;
        }
        return stated.max(order.discountAmount().multiply(HUNDRED).divide(base, 2, RoundingMode.HALF_UP));
    }
}
