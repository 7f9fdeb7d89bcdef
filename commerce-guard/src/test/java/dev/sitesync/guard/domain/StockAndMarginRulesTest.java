package dev.sitesync.guard.domain;

import static dev.sitesync.guard.domain.Orders.facts;
import static dev.sitesync.guard.domain.Orders.item;
import static dev.sitesync.guard.domain.Orders.order;
import static dev.sitesync.guard.domain.RuleTesting.evaluate;
import static dev.sitesync.guard.domain.RuleTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.sitesync.guard.domain.rules.NegativeMarginRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.StockShortRule;

class StockAndMarginRulesTest {

    private final StockShortRule stock = new StockShortRule(RuleSeverity.block());
    private final NegativeMarginRule margin = new NegativeMarginRule(RuleSeverity.review());

    @Test
    void enoughProjectedStockPasses() {
        assertThat(verdict(stock, order().build(), facts().stock("SKU-001", 4, null).build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void linesOfOneItemAndWarehouseAreAddedUpBeforeComparing() {
        var order = order().items(item("SKU-001", 3, 250), item("SKU-001", 2, 250)).build();

        Evaluation evaluation = evaluate(stock, order, facts().stock("SKU-001", 4, null).build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                .containsEntry("needed_qty", new BigDecimal("5.0")).containsEntry("short_by", new BigDecimal("1.0")));
    }

    @Test
    void anItemWithoutABinHasNothingToPromise() {
        var order = order().items(item("SKU-NEW", 1, 10)).build();

        assertThat(verdict(stock, order, facts().build())).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void stockShortCanBeConfiguredToHoldForReviewInstead() {
        var review = new StockShortRule(RuleSeverity.review());

        assertThat(verdict(review, order().build(), facts().stock("SKU-001", 1, null).build())).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void aLineWithoutAnyWarehouseCannotBeReserved() {
        var noWarehouse = new OrderItem("SKU-001", null, null, BigDecimal.ONE, null, null, null, null, null, null,
                BigDecimal.TEN, null, null, null);

        Evaluation evaluation = evaluate(stock, order().items(noWarehouse).build(), facts().build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings().get(0).message()).contains("names no warehouse");
    }

    @Test
    void sellingAboveValuationPasses() {
        assertThat(verdict(margin, order().build(), facts().stock("SKU-001", 100, 200.0).build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void sellingBelowValuationIsReviewed() {
        Evaluation evaluation = evaluate(margin, order().build(), facts().stock("SKU-001", 100, 260.0).build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(evaluation.findings()).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("valuation_rate", BigDecimal.valueOf(260.0)));
    }

    @Test
    void marginIsComparedInTheCompanysCurrency() {
        var inDollars = order();
        inDollars.currency = "USD";
        inDollars.conversionRate = new BigDecimal("0.9");

        assertThat(verdict(margin, inDollars.build(), facts().stock("SKU-001", 100, 240.0).build()))
                .isEqualTo(Verdict.REVIEW);
    }

    @Test
    void negativeMarginCanBeConfiguredToBlock() {
        var blocking = new NegativeMarginRule(RuleSeverity.block());

        assertThat(verdict(blocking, order().build(), facts().stock("SKU-001", 100, 300.0).build()))
                .isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anUnknownCostIsNotJudged() {
        assertThat(verdict(margin, order().build(), facts().stock("SKU-001", 100, null).build())).isEqualTo(Verdict.PASS);
    }
}
