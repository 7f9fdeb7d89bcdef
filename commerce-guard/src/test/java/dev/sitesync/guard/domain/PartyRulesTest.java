package dev.sitesync.guard.domain;

import static dev.sitesync.guard.domain.Orders.facts;
import static dev.sitesync.guard.domain.Orders.order;
import static dev.sitesync.guard.domain.RuleTesting.evaluate;
import static dev.sitesync.guard.domain.RuleTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.sitesync.guard.domain.rules.CompanyNotAllowedRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.TerritoryWarehouseRule;
import dev.sitesync.guard.domain.rules.UnpaidSubmitRule;

/** Rules that judge who orders, for whom, from where, and whether it is paid. */
class PartyRulesTest {

    @Test
    void aCallerOrderingForAnAllowedCompanyPasses() {
        var rule = new CompanyNotAllowedRule(RuleSeverity.block());
        var facts = facts();
        facts.callerCompany = Optional.of("Demo Co");

        assertThat(verdict(rule, order().build(), facts.build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void aCompanyNotConfiguredForTheCallerIsBlocked() {
        var rule = new CompanyNotAllowedRule(RuleSeverity.block());
        var facts = facts();
        facts.companies = Set.of("Other Co");

        assertThat(verdict(rule, order().build(), facts.build())).isEqualTo(Verdict.BLOCK);
        assertThat(verdict(new CompanyNotAllowedRule(RuleSeverity.review()), order().build(), facts.build()))
                .isEqualTo(Verdict.REVIEW);
    }

    @Test
    void anOrderForAnotherCompanyThanTheCallerActsForIsBlocked() {
        var facts = facts();
        facts.companies = Set.of("Demo Co", "Other Co");
        facts.callerCompany = Optional.of("Other Co");

        Evaluation evaluation = evaluate(new CompanyNotAllowedRule(RuleSeverity.block()), order().build(), facts.build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings().get(0).evidence()).containsEntry("caller_company", "Other Co");
    }

    @Test
    void aWarehouseServingTheCustomersTerritoryPasses() {
        var facts = facts();
        facts.territories = Map.of("North", Set.of(Orders.STORES));
        var order = order();
        order.territory = "North";

        assertThat(verdict(new TerritoryWarehouseRule(RuleSeverity.review()), order.build(), facts.build()))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void aWarehouseOutsideTheTerritorysMappingIsReviewedOrBlockedAsConfigured() {
        var facts = facts();
        facts.territories = Map.of("South", Set.of("Depot - DC"));
        var order = order();
        order.territory = "South";

        assertThat(verdict(new TerritoryWarehouseRule(RuleSeverity.review()), order.build(), facts.build()))
                .isEqualTo(Verdict.REVIEW);
        assertThat(verdict(new TerritoryWarehouseRule(RuleSeverity.block()), order.build(), facts.build()))
                .isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anOrderWithoutATerritoryCannotBeCheckedAndSaysSoNeutrally() {
        var facts = facts();
        facts.territories = Map.of("South", Set.of("Depot - DC"));

        Evaluation evaluation = evaluate(new TerritoryWarehouseRule(RuleSeverity.review()), order().build(),
                facts.build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluation.findings()).singleElement().extracting(Finding::sentiment).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void aDraftNeedsNoPayment() {
        var rule = new UnpaidSubmitRule(RuleSeverity.block(), new BigDecimal("0.01"));

        assertThat(verdict(rule, order().build(), facts().build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void submittingWithoutAConfirmedPaymentIsBlocked() {
        var rule = new UnpaidSubmitRule(RuleSeverity.block(), new BigDecimal("0.01"));
        var submit = order();
        submit.docstatus = 1;

        assertThat(verdict(rule, submit.build(), facts().build())).isEqualTo(Verdict.BLOCK);
        assertThat(verdict(new UnpaidSubmitRule(RuleSeverity.review(), BigDecimal.ZERO), submit.build(),
                facts().build())).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void submittingWithAPaymentCoveringTheGrandTotalPasses() {
        var rule = new UnpaidSubmitRule(RuleSeverity.block(), new BigDecimal("0.01"));
        var submit = order();
        submit.docstatus = 1;
        var paid = facts();
        paid.payment = Optional.of(new ConfirmedPayment("acme-pay", "txn-1", new BigDecimal("1180.00"), "EUR"));

        assertThat(verdict(rule, submit.build(), paid.build())).isEqualTo(Verdict.PASS);
    }

    @Test
    void aPaymentShortOfTheTotalOrInAnotherCurrencyDoesNotCoverIt() {
        var rule = new UnpaidSubmitRule(RuleSeverity.block(), new BigDecimal("0.01"));
        var submit = order();
        submit.docstatus = 1;
        var shortPaid = facts();
        shortPaid.payment = Optional.of(new ConfirmedPayment("acme-pay", "txn-1", new BigDecimal("1179.00"), "EUR"));
        var dollars = facts();
        dollars.payment = Optional.of(new ConfirmedPayment("acme-pay", "txn-1", new BigDecimal("1180.00"), "USD"));

        assertThat(verdict(rule, submit.build(), shortPaid.build())).isEqualTo(Verdict.BLOCK);
        assertThat(verdict(rule, submit.build(), dollars.build())).isEqualTo(Verdict.BLOCK);
    }
}
