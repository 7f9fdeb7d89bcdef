package dev.sitesync.guard.domain;

import static dev.sitesync.guard.domain.Orders.facts;
import static dev.sitesync.guard.domain.Orders.item;
import static dev.sitesync.guard.domain.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.config.RuleSets;

/**
 * The active rule set as configuration builds it: a rule in shadow mode is recorded on the decision it would change and
 * never changes it, a rule that is off never runs, and the rule set's description shows every mode. Built from
 * configuration alone, so no second boot of the service is needed to try another configuration.
 */
class RuleSetsTest {

    @Test
    void aShadowFindingIsRecordedButTheOrderPasses() {
        Evaluation evaluation = shadowStockNoTaxes().evaluate(fiveLampsUntaxed(), threeLampsInStock());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluation.shadowVerdict()).isEqualTo(Verdict.BLOCK);
        assertThat(evaluation.findings()).filteredOn(f -> f.rule().equals("stock-short")).singleElement()
                .satisfies(f -> assertThat(f.mode()).isEqualTo(Mode.SHADOW));
        assertThat(evaluation.rulesetVersion()).isEqualTo("2026-11-shadow-stock");
    }

    @Test
    void aRuleThatIsOffFindsNothing() {
        Evaluation evaluation = shadowStockNoTaxes().evaluate(fiveLampsUntaxed(), threeLampsInStock());

        assertThat(evaluation.findings()).extracting(f -> f.rule()).doesNotContain("taxes-missing");
    }

    @Test
    void theDescriptionShowsEveryRulesMode() {
        Map<String, Object> rules = shadowStockNoTaxes().describe();

        assertThat(rules.get("stock-short")).asString().contains("mode=SHADOW");
        assertThat(rules.get("taxes-missing")).asString().contains("mode=OFF");
        assertThat(rules.get("high-value")).asString().contains("mode=ENFORCE");
    }

    @Test
    void aCandidateStatesOnlyWhatItChangesFromTheDefaults() {
        RuleSets sets = new RuleSets(config(Map.of("guard.candidates.strict.discount-above-threshold.max-percent", "25")));

        assertThat(sets.find("strict")).hasValueSatisfying(strict -> assertThat(
                strict.describe().get("discount-above-threshold")).asString().contains("max_percent=25")
                .contains("mode=ENFORCE"));
        assertThat(sets.active().version()).startsWith("rs-");
    }

    private static RuleSet shadowStockNoTaxes() {
        return new RuleSets(config(Map.of("guard.rules.stock-short.mode", "shadow", "guard.rules.taxes-missing.mode",
                "off", "guard.rules.version", "2026-11-shadow-stock"))).active();
    }

    private static GuardConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GuardConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(GuardConfig.class);
    }

    private static SalesOrder fiveLampsUntaxed() {
        var order = order().items(item("LAMP", 5, 400));
        order.taxes = List.of();
        return order.build();
    }

    private static OrderFacts threeLampsInStock() {
        return facts().stock("LAMP", 3, 300.0).price("LAMP", 400).build();
    }
}
