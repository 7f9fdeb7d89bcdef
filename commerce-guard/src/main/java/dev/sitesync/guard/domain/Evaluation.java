package dev.sitesync.guard.domain;

import java.util.List;

/**
 * What a rule set concluded about one order.
 *
 * @param shadowVerdict the verdict had the shadow rules been enforced: how far shadow rules would change decisions
 * @param skippedRules rules left out because they cannot be replayed over a past order (backtests only)
 */
public record Evaluation(String rulesetVersion, Verdict verdict, Verdict shadowVerdict, List<Finding> findings,
        List<String> skippedRules) {

    public Evaluation {
        findings = List.copyOf(findings);
        skippedRules = List.copyOf(skippedRules);
    }
}
