package dev.sitesync.guard.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.sitesync.guard.domain.ConfiguredRule;
import dev.sitesync.guard.domain.RuleSet;
import dev.sitesync.guard.domain.rules.AllowListedCustomerRule;
import dev.sitesync.guard.domain.rules.BackdatedRule;
import dev.sitesync.guard.domain.rules.CompanyNotAllowedRule;
import dev.sitesync.guard.domain.rules.DiscountRule;
import dev.sitesync.guard.domain.rules.HighValueRule;
import dev.sitesync.guard.domain.rules.NegativeMarginRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.domain.rules.StockShortRule;
import dev.sitesync.guard.domain.rules.TaxesMissingRule;
import dev.sitesync.guard.domain.rules.TerritoryWarehouseRule;
import dev.sitesync.guard.domain.rules.TotalsMismatchRule;
import dev.sitesync.guard.domain.rules.UnpaidSubmitRule;

/** The active rule set and the candidates, built once from configuration. */
@Singleton
public class RuleSets {

    private static final Logger LOG = Logger.getLogger(RuleSets.class);

    private final RuleSet active;
    private final Map<String, RuleSet> candidates = new LinkedHashMap<>();

    public RuleSets(GuardConfig config) {
        this.active = build(config.rules(), config.rules().version().orElse(null));
        config.candidates().forEach((name, rules) -> candidates.put(name, build(rules, name)));
        LOG.infof("Active rule set %s; candidates for backtests: %s", active.version(), candidates.keySet());
    }

    public RuleSet active() {
        return active;
    }

    /** The rule set of that version: the active one or a candidate. */
    public Optional<RuleSet> find(String version) {
        if (active.version().equals(version)) {
            return Optional.of(active);
        }
        return Optional.ofNullable(candidates.get(version));
    }

    public List<RuleSet> candidates() {
        return List.copyOf(candidates.values());
    }

    static RuleSet build(RulesConfig rules, String name) {
        List<ConfiguredRule> configured = List.of(
                new ConfiguredRule(new AllowListedCustomerRule(), rules.allowListedCustomer().mode()),
                new ConfiguredRule(new StockShortRule(severity(rules.stockShort())), rules.stockShort().mode()),
                new ConfiguredRule(new TaxesMissingRule(severity(rules.taxesMissing())), rules.taxesMissing().mode()),
                new ConfiguredRule(new UnpaidSubmitRule(severity(rules.submitWithoutPayment()),
                        rules.submitWithoutPayment().tolerance()), rules.submitWithoutPayment().mode()),
                new ConfiguredRule(new DiscountRule(severity(rules.discountAboveThreshold()),
                        rules.discountAboveThreshold().maxPercent()), rules.discountAboveThreshold().mode()),
                new ConfiguredRule(new BackdatedRule(severity(rules.backdated()), rules.backdated().toleranceDays()),
                        rules.backdated().mode()),
                new ConfiguredRule(new NegativeMarginRule(severity(rules.negativeMargin())),
                        rules.negativeMargin().mode()),
                new ConfiguredRule(new HighValueRule(severity(rules.highValue()), rules.highValue().threshold()),
                        rules.highValue().mode()),
                new ConfiguredRule(new CompanyNotAllowedRule(severity(rules.companyNotAllowed())),
                        rules.companyNotAllowed().mode()),
                new ConfiguredRule(new TerritoryWarehouseRule(severity(rules.warehouseTerritoryMismatch())),
                        rules.warehouseTerritoryMismatch().mode()),
                new ConfiguredRule(new TotalsMismatchRule(severity(rules.totalsInconsistent()),
                        rules.totalsInconsistent().tolerance(), rules.totalsInconsistent().roundingAllowance()),
                        rules.totalsInconsistent().mode()));
        return name == null ? RuleSet.of(configured) : RuleSet.named(name, configured);
    }

    private static RuleSeverity severity(RulesConfig.Blocking rule) {
        return new RuleSeverity(rule.severity());
    }

    private static RuleSeverity severity(RulesConfig.Reviewing rule) {
        return new RuleSeverity(rule.severity());
    }
}
