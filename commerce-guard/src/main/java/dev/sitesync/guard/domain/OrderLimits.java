package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a site could not store even though every number the order states fits: a line amount, a stock quantity or a
 * total of {@value SiteNumber#INTEGER_DIGITS} digits or more before the point. Such an order is refused before it is
 * checked; the site would refuse it anyway, and the guard could not store its decision.
 */
public final class OrderLimits {

    /** The smallest amount with more integer digits than a site stores. */
    public static final BigDecimal TOO_LARGE = BigDecimal.TEN.pow(SiteNumber.INTEGER_DIGITS);

    /** A computed value that does not fit, named by the field ERPNext would compute it into. */
    public record Excess(String field, BigDecimal value) {

        public String message() {
            return "comes to " + value.toPlainString() + ", more than a site can store (under " + TOO_LARGE.toPlainString()
                    + ")";
        }
    }

    private OrderLimits() {
    }

    /** The computed values of an order whose stated numbers are each {@link SiteNumber}s, that a site cannot store. */
    public static List<Excess> excesses(SalesOrder order) {
        List<Excess> excesses = new ArrayList<>();
        for (int line = 0; line < order.items().size(); line++) {
            OrderItem item = order.items().get(line);
            tooLarge("items[" + line + "].amount", item.lineAmount(), excesses);
            tooLarge("items[" + line + "].stock_qty", item.stockQty(), excesses);
        }
        if (excesses.isEmpty()) {
            OrderTotals totals = OrderTotals.of(order);
            tooLarge("grand_total", totals.grandTotal(), excesses);
            tooLarge("base_grand_total", totals.baseGrandTotal(order), excesses);
        }
        return excesses;
    }

    private static void tooLarge(String field, BigDecimal value, List<Excess> excesses) {
        if (value.abs().compareTo(TOO_LARGE) >= 0) {
            excesses.add(new Excess(field, value));
        }
    }
}
