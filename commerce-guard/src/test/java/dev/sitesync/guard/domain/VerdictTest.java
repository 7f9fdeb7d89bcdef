package dev.sitesync.guard.domain;

import static dev.sitesync.guard.domain.Orders.facts;
import static dev.sitesync.guard.domain.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.sitesync.guard.domain.rules.AllowListedCustomerRule;
import dev.sitesync.guard.domain.rules.HighValueRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.StockShortRule;
import dev.sitesync.guard.domain.rules.TaxesMissingRule;

/** Precedence BLOCK over REVIEW over PASS, allow-lists first, shadow findings recorded but never deciding. */
class VerdictTest {

    private static final HighValueRule ANY_ORDER_IS_HIGH_VALUE = new HighValueRule(RuleSeverity.review(),
            BigDecimal.ONE);
    private static final StockShortRule STOCK = new StockShortRule(RuleSeverity.block());

    @Test
    void noFindingsPass() {
        assertThat(Verdict.of(List.of())).isEqualTo(Verdict.PASS);
    }

    @Test
    void aBlockOutweighsAnyNumberOfReviews() {
        Evaluation evaluation = rules(enforced(ANY_ORDER_IS_HIGH_VALUE), enforced(STOCK)).evaluate(order().build(),
                facts().stock("SKU-001", 0, null).build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings()).extracting(Finding::severity).contains(Severity.REVIEW, Severity.BLOCK);
    }

    @Test
    void aReviewOutweighsPass() {
        assertThat(rules(enforced(ANY_ORDER_IS_HIGH_VALUE)).evaluate(order().build(), facts().build()).verdict())
                .isEqualTo(Verdict.REVIEW);
    }

    @Test
    void anAllowListedCustomerHasItsReviewsWaivedButNotItsBlocks() {
        var trusted = facts();
        trusted.allowList = Set.of("Acme Corp");
        RuleSet rules = rules(enforced(new AllowListedCustomerRule()), enforced(ANY_ORDER_IS_HIGH_VALUE),
                enforced(STOCK));

        Evaluation reviewOnly = rules.evaluate(order().build(), trusted.build());
        Evaluation alsoShort = rules.evaluate(order().build(), trusted.stock("SKU-001", 0, null).build());

        assertThat(reviewOnly.verdict()).isEqualTo(Verdict.PASS);
        assertThat(reviewOnly.findings()).filteredOn(f -> f.rule().equals(HighValueRule.NAME)).singleElement()
                .extracting(Finding::waived).isEqualTo(true);
        assertThat(reviewOnly.findings()).extracting(Finding::sentiment).contains(Sentiment.LOWERS_RISK);
        assertThat(alsoShort.verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void aShadowRuleIsRecordedAndDoesNotDecide() {
        Evaluation evaluation = rules(new ConfiguredRule(STOCK, Mode.SHADOW), enforced(new TaxesMissingRule(
                RuleSeverity.review()))).evaluate(order().build(), facts().stock("SKU-001", 0, null).build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluation.shadowVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(StockShortRule.NAME);
            assertThat(f.mode()).isEqualTo(Mode.SHADOW);
        });
    }

    @Test
    void aShadowAllowListDoesNotWaiveEnforcedReviews() {
        var trusted = facts();
        trusted.allowList = Set.of("Acme Corp");

        Evaluation evaluation = rules(new ConfiguredRule(new AllowListedCustomerRule(), Mode.SHADOW),
                enforced(ANY_ORDER_IS_HIGH_VALUE)).evaluate(order().build(), trusted.build());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(evaluation.shadowVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aRuleThatIsOffDoesNotRun() {
        Evaluation evaluation = rules(new ConfiguredRule(STOCK, Mode.OFF)).evaluate(order().build(),
                facts().stock("SKU-001", 0, null).build());

        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReplayLeavesOutRulesThatReadTheMomentOfOrdering() {
        Evaluation replay = rules(enforced(STOCK), enforced(ANY_ORDER_IS_HIGH_VALUE)).replay(order().build(),
                facts().stock("SKU-001", 0, null).build());

        assertThat(replay.skippedRules()).containsExactly(StockShortRule.NAME);
        assertThat(replay.verdict()).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void theVersionNamesTheConfigurationExactly() {
        RuleSet forty = rules(enforced(ANY_ORDER_IS_HIGH_VALUE));
        RuleSet same = rules(enforced(new HighValueRule(RuleSeverity.review(), BigDecimal.ONE)));
        RuleSet shadowed = rules(new ConfiguredRule(ANY_ORDER_IS_HIGH_VALUE, Mode.SHADOW));

        assertThat(forty.version()).startsWith("rs-").isEqualTo(same.version()).isNotEqualTo(shadowed.version());
        assertThat(RuleSet.named("2026-11-strict", List.of()).version()).isEqualTo("2026-11-strict");
    }

    private static ConfiguredRule enforced(OrderRule rule) {
        return new ConfiguredRule(rule, Mode.ENFORCE);
    }

    private static RuleSet rules(ConfiguredRule... rules) {
        return RuleSet.of(List.of(rules));
    }
}
