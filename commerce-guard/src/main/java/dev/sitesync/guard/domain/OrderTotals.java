package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's totals recomputed from its lines, as ERPNext's {@code calculate_taxes_and_totals} does for the common
 * cases: line amounts, an additional discount on the net or the grand total, and taxes of every charge type. Taxes
 * included in the price cannot be recomputed from the lines alone; {@link #taxesKnown()} is false then.
 *
 * @param total the sum of the line amounts
 * @param netTotal the total after an additional discount applied on the net total
 * @param taxes the sum of the tax rows
 * @param grandTotal what the customer pays before rounding
 */
public record OrderTotals(BigDecimal total, BigDecimal discount, BigDecimal netTotal, BigDecimal taxes,
        BigDecimal grandTotal, boolean taxesKnown) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int PRECISION = 2;

    public static OrderTotals of(SalesOrder order) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;
        for (OrderItem item : order.items()) {
            total = total.add(money(item.lineAmount()));
            quantity = quantity.add(item.qty());
        }
        boolean onNetTotal = "Net Total".equals(order.applyDiscountOn());
        BigDecimal discount = BigDecimal.ZERO;
        if (onNetTotal) {
            discount = discount(order, total);
        }
        BigDecimal netTotal = total.subtract(discount);
        boolean taxesKnown = order.taxes().stream().noneMatch(TaxRow::includedInPrice);
        BigDecimal taxes = taxes(order.taxes(), netTotal, quantity);
        BigDecimal grandTotal = netTotal.add(taxes);
        if (!onNetTotal) {
            discount = discount(order, grandTotal);
            grandTotal = grandTotal.subtract(discount);
        }
        return new OrderTotals(total, discount, netTotal, taxes, grandTotal, taxesKnown);
    }

    /** The grand total in the company's currency. */
    public BigDecimal baseGrandTotal(SalesOrder order) {
        return money(grandTotal.multiply(order.effectiveConversionRate()));
    }

    private static BigDecimal discount(SalesOrder order, BigDecimal base) {
        if (order.discountAmount() != null && order.discountAmount().signum() > 0) {
            return order.discountAmount();
        }
        if (order.additionalDiscountPercentage() != null) {
            return money(base.multiply(order.additionalDiscountPercentage()).divide(HUNDRED));
        }
        return BigDecimal.ZERO;
    }

    private static BigDecimal taxes(List<TaxRow> rows, BigDecimal netTotal, BigDecimal quantity) {
        List<BigDecimal> amounts = new ArrayList<>();
        List<BigDecimal> totals = new ArrayList<>();
        BigDecimal running = netTotal;
        for (TaxRow row : rows) {
            BigDecimal rate = row.rate() == null ? BigDecimal.ZERO : row.rate();
            BigDecimal amount = switch (row.chargeType()) {
                case TaxRow.ACTUAL -> row.taxAmount() == null ? BigDecimal.ZERO : row.taxAmount();
                case TaxRow.ON_ITEM_QUANTITY -> money(quantity.multiply(rate));
                case TaxRow.ON_PREVIOUS_ROW_AMOUNT -> percent(previous(amounts, row), rate);
                case TaxRow.ON_PREVIOUS_ROW_TOTAL -> percent(previous(totals, row), rate);
                default -> percent(netTotal, rate);
            };
            running = running.add(amount);
            amounts.add(amount);
            totals.add(running);
        }
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The row a "previous row" tax refers to ({@code row_id}, 1-based), or the row just before. */
    private static BigDecimal previous(List<BigDecimal> values, TaxRow row) {
        int index = row.rowId() == null ? values.size() : row.rowId() - 1;
        return index >= 0 && index < values.size() ? values.get(index) : BigDecimal.ZERO;
    }

    private static BigDecimal percent(BigDecimal base, BigDecimal rate) {
        return money(base.multiply(rate).divide(HUNDRED));
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(PRECISION, RoundingMode.HALF_UP);
    }
}
