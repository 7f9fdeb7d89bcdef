package dev.sitesync.guard.domain.rules;

import dev.sitesync.guard.domain.Severity;

/** The severity a rule's risk findings carry: REVIEW or BLOCK, never INFO (that would be no control at all). */
public record RuleSeverity(Severity value) {

    public RuleSeverity {
        if (value == null || value == Severity.INFO) {
            throw new IllegalArgumentException("a rule's severity must be REVIEW or BLOCK, not " + value);
        }
    }

    public static RuleSeverity review() {
        return new RuleSeverity(Severity.REVIEW);
    }

    public static RuleSeverity block() {
        return new RuleSeverity(Severity.BLOCK);
    }
}
