package dev.sitesync.guard.domain;

import java.util.List;
import java.util.function.Predicate;

/**
 * The outcome of a check, by fixed precedence: any counted BLOCK finding blocks; otherwise any counted REVIEW finding
 * holds the order for review, unless an allow-list lowered the risk first; otherwise the order passes. An allow-list
 * waives review findings only: what blocks an order (short stock, a foreign company, wrong totals) is never waived.
 */
public enum Verdict {

    PASS,
    REVIEW,
    BLOCK;

    /** The verdict of the enforced findings. */
    public static Verdict of(List<Finding> findings) {
        return decide(findings, f -> f.mode() == Mode.ENFORCE);
    }

    /** The verdict had the shadow rules been enforced too: what a rule in shadow would change. */
    public static Verdict ifShadowEnforced(List<Finding> findings) {
        return decide(findings, f -> f.mode() != Mode.OFF);
    }

    /** Whether the enforced findings include an allow-list lowering the risk. */
    public static boolean riskLowered(List<Finding> findings) {
        return lowered(findings, f -> f.mode() == Mode.ENFORCE);
    }

    private static Verdict decide(List<Finding> findings, Predicate<Finding> counted) {
        if (findings.stream().filter(counted).anyMatch(f -> f.raises(Severity.BLOCK))) {
            return BLOCK;
        }
        if (!lowered(findings, counted) && findings.stream().filter(counted).anyMatch(f -> f.raises(Severity.REVIEW))) {
            return REVIEW;
        }
        return PASS;
    }

    private static boolean lowered(List<Finding> findings, Predicate<Finding> counted) {
        return findings.stream().filter(counted).anyMatch(f -> f.sentiment() == Sentiment.LOWERS_RISK);
    }
}
