package dev.sitesync.guard.domain;

import java.util.List;

/** Runs one rule, enforced, as a rule set does. */
final class RuleTesting {

    private RuleTesting() {
    }

    static Evaluation evaluate(OrderRule rule, SalesOrder order, OrderFacts facts) {
        return RuleSet.of(List.of(new ConfiguredRule(rule, Mode.ENFORCE))).evaluate(order, facts);
    }

    static Verdict verdict(OrderRule rule, SalesOrder order, OrderFacts facts) {
        return evaluate(rule, order, facts).verdict();
    }
}
