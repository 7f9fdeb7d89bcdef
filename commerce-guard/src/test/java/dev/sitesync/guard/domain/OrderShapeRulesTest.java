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

import dev.sitesync.guard.domain.rules.BackdatedRule;
import dev.sitesync.guard.domain.rules.DiscountRule;
import dev.sitesync.guard.domain.rules.HighValueRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.TaxesMissingRule;

/** Rules that judge the order as written: taxes, discounts, dates, value. */
class OrderShapeRulesTest {

    private final OrderFacts facts = facts().build();
    private final OrderFacts listedAt100 = facts().price("SKU-001", 100).build();

    @Test
    void anOrderWithTaxRowsOrATemplatePassesTheTaxRule() {
        var rule = new TaxesMissingRule(RuleSeverity.review());
        var templateOnly = order();
        templateOnly.taxes = List.of();
        templateOnly.taxesAndCharges = "VAT 18% - DC";

        assertThat(verdict(rule, order().build(), facts)).isEqualTo(Verdict.PASS);
        assertThat(verdict(rule, templateOnly.build(), facts)).isEqualTo(Verdict.PASS);
    }

    @Test
    void anOrderWithoutTaxesIsReviewedOrBlockedAsConfigured() {
        var untaxed = order();
        untaxed.taxes = List.of();

        assertThat(verdict(new TaxesMissingRule(RuleSeverity.review()), untaxed.build(), facts)).isEqualTo(Verdict.REVIEW);
        assertThat(verdict(new TaxesMissingRule(RuleSeverity.block()), untaxed.build(), facts)).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void aDiscountUpToTheThresholdPasses() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));

        assertThat(verdict(rule, order().items(line(100, 60)).build(), listedAt100)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aLineRateFarBelowTheSitesPriceIsADiscountEvenWhenNotStated() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));

        Evaluation evaluation = evaluate(rule, order().items(line(100, 55)).build(), listedAt100);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(evaluation.findings().get(0).evidence()).containsEntry("discount_percent", new BigDecimal("45.00"));
    }

    @Test
    void theListRateTheStorefrontSendsIsNeverTheReference() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));

        assertThat(verdict(rule, order().items(line(55, 55)).build(), listedAt100)).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void aLineWhoseItemHasNoPriceOnTheSiteCannotBeMeasuredAndIsAFinding() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));

        Evaluation evaluation = evaluate(rule, order().items(Orders.item("SKU-UNPRICED", 1, 10)).build(), facts);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(evaluation.findings().get(0).message()).contains("no price");
    }

    @Test
    void anOrderPricedFromAListTheCallerMayNotUseIsAFinding() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));
        var wholesale = facts();
        wholesale.priceList = "Wholesale";

        assertThat(evaluate(rule, order().build(), wholesale.build()).findings()).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("selling_price_list", "Wholesale"));
    }

    @Test
    void anAdditionalDiscountAmountIsMeasuredAgainstWhatItIsTakenFrom() {
        var rule = new DiscountRule(RuleSeverity.block(), BigDecimal.valueOf(40));
        var order = order();
        order.discountAmount = BigDecimal.valueOf(600);

        assertThat(verdict(rule, order.build(), facts)).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anAdditionalDiscountPercentageAboveTheThresholdIsReviewed() {
        var rule = new DiscountRule(RuleSeverity.review(), BigDecimal.valueOf(40));
        var order = order();
        order.additionalDiscountPercentage = BigDecimal.valueOf(41);

        assertThat(verdict(rule, order.build(), facts)).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void todayIsNotBackdated() {
        assertThat(verdict(new BackdatedRule(RuleSeverity.review(), 0), order().build(), facts)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aTransactionOrPostingDateBeforeTheToleranceIsBackdated() {
        var yesterday = order();
        yesterday.transactionDate = Orders.TODAY.minusDays(1);
        var posted = order();
        posted.postingDate = Orders.TODAY.minusDays(5);

        assertThat(verdict(new BackdatedRule(RuleSeverity.review(), 0), yesterday.build(), facts))
                .isEqualTo(Verdict.REVIEW);
        assertThat(verdict(new BackdatedRule(RuleSeverity.review(), 1), yesterday.build(), facts)).isEqualTo(Verdict.PASS);
        assertThat(verdict(new BackdatedRule(RuleSeverity.block(), 2), posted.build(), facts)).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anOrderBelowTheThresholdIsNotHighValue() {
        var rule = new HighValueRule(RuleSeverity.review(), BigDecimal.valueOf(500_000));

        assertThat(verdict(rule, order().build(), facts)).isEqualTo(Verdict.PASS);
    }

    @Test
    void anOrderAtTheThresholdInTheCompanysCurrencyIsHighValue() {
        var rule = new HighValueRule(RuleSeverity.review(), BigDecimal.valueOf(500_000));
        var big = order();
        big.taxes = List.of();
        big.items = List.of(item("SKU-001", 1000, 500));

        Evaluation evaluation = evaluate(rule, big.build(), facts);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(evaluation.findings().get(0).evidence()).containsKey("base_grand_total");
        assertThat(verdict(new HighValueRule(RuleSeverity.block(), BigDecimal.valueOf(500_000)), big.build(), facts))
                .isEqualTo(Verdict.BLOCK);
    }

    private static OrderItem line(double priceListRate, double rate) {
        return new OrderItem("SKU-001", null, null, BigDecimal.ONE, null, null, null, BigDecimal.valueOf(priceListRate),
                null, null, BigDecimal.valueOf(rate), null, Orders.STORES, null);
    }
}
