package dev.sitesync.guard.domain;

import static dev.sitesync.guard.domain.Orders.facts;
import static dev.sitesync.guard.domain.Orders.item;
import static dev.sitesync.guard.domain.Orders.order;
import static dev.sitesync.guard.domain.RuleTesting.evaluate;
import static dev.sitesync.guard.domain.RuleTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.TotalsMismatchRule;

/** Totals as ERPNext computes them, and the rule that holds an order to them. */
class TotalsTest {

    private final TotalsMismatchRule rule = new TotalsMismatchRule(RuleSeverity.block(), new BigDecimal("0.05"),
            BigDecimal.ONE);

    @Test
    void totalsFollowFrappeContractsWorkedExample() {
        OrderTotals totals = OrderTotals.of(order().build());

        assertThat(totals.total()).isEqualByComparingTo("1000");
        assertThat(totals.taxes()).isEqualByComparingTo("180");
        assertThat(totals.grandTotal()).isEqualByComparingTo("1180");
    }

    @Test
    void aDiscountOnTheNetTotalIsTaxedAfterIt() {
        var order = order();
        order.applyDiscountOn = "Net Total";
        order.additionalDiscountPercentage = BigDecimal.TEN;

        OrderTotals totals = OrderTotals.of(order.build());

        assertThat(totals.netTotal()).isEqualByComparingTo("900");
        assertThat(totals.taxes()).isEqualByComparingTo("162");
        assertThat(totals.grandTotal()).isEqualByComparingTo("1062");
    }

    @Test
    void aDiscountOnTheGrandTotalComesOffLast() {
        var order = order();
        order.discountAmount = BigDecimal.valueOf(80);

        assertThat(OrderTotals.of(order.build()).grandTotal()).isEqualByComparingTo("1100");
    }

    @Test
    void everyChargeTypeAddsUp() {
        var order = order();
        order.items = List.of(item("SKU-001", 2, 50));
        order.taxes = List.of(Orders.vat(10),
                new TaxRow(TaxRow.ACTUAL, "Shipping - DC", "Shipping", null, null, new BigDecimal("5"), null, null),
                new TaxRow(TaxRow.ON_PREVIOUS_ROW_AMOUNT, "Cess - DC", "Cess", 1, new BigDecimal("50"), null, null, null),
                new TaxRow(TaxRow.ON_PREVIOUS_ROW_TOTAL, "Levy - DC", "Levy", 2, BigDecimal.ONE, null, null, null),
                new TaxRow(TaxRow.ON_ITEM_QUANTITY, "Eco - DC", "Eco", null, new BigDecimal("0.5"), null, null, null));

        OrderTotals totals = OrderTotals.of(order.build());

        // 100 net; 10 VAT; 5 shipping; 5 cess (50% of row 1); 1.15 levy (1% of 115); 1 eco (0.5 x 2)
        assertThat(totals.taxes()).isEqualByComparingTo("22.15");
        assertThat(totals.grandTotal()).isEqualByComparingTo("122.15");
    }

    @Test
    void statedTotalsThatMatchWithinRoundingPass() {
        var order = order();
        order.total = new BigDecimal("1000.00");
        order.grandTotal = new BigDecimal("1180.04");
        order.roundedTotal = new BigDecimal("1180");

        assertThat(verdict(rule, order.build(), facts().build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void omittedTotalsAreTheSitesToComputeAndPass() {
        assertThat(verdict(rule, order().build(), facts().build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void aGrandTotalTheLinesDoNotMakeIsBlocked() {
        var order = order();
        order.grandTotal = new BigDecimal("1000");

        Evaluation evaluation = evaluate(rule, order.build(), facts().build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                .containsEntry("field", "grand_total").containsEntry("computed", new BigDecimal("1180.00")));
    }

    @Test
    void aLineAmountThatIsNotQuantityTimesRateIsNamedByItsLine() {
        var wrongLine = new OrderItem("SKU-001", null, null, BigDecimal.valueOf(4), null, null, null, null, null, null,
                BigDecimal.valueOf(250), BigDecimal.valueOf(900), Orders.STORES, null);

        Evaluation evaluation = evaluate(rule, order().items(wrongLine).build(), facts().build());

        assertThat(evaluation.findings()).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("field", "items[0].amount"));
    }

    @Test
    void inconsistentTotalsCanBeConfiguredToHoldForReview() {
        var order = order();
        order.total = new BigDecimal("999");

        assertThat(verdict(new TotalsMismatchRule(RuleSeverity.review(), new BigDecimal("0.05"), BigDecimal.ONE),
                order.build(), facts().build())).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void taxesIncludedInThePriceAreNotRecomputed() {
        var order = order();
        order.taxes = List.of(new TaxRow(TaxRow.ON_NET_TOTAL, "VAT - DC", "VAT", null, BigDecimal.valueOf(18), null,
                null, 1));
        order.grandTotal = new BigDecimal("1000");

        assertThat(verdict(rule, order.build(), facts().build())).isEqualTo(Verdict.PASS);
    }
}
