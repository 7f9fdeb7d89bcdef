package dev.sitesync.contracts.ownership;

import java.util.List;

/**
 * The answer for one change: ALLOW with the targets and each one's field policy, or REFUSE with a reason.
 *
 * @param withheld consumers left out of the targets, and why (not active, schema blocked)
 * @param explain the rules that decided, in the order they were applied; null unless asked for
 */
public record Decision(
        Outcome outcome,
        RefusalReason reason,
        String detail,
        DataClass dataClass,
        String owner,
        List<Target> targets,
        List<Withheld> withheld,
        List<Step> explain) {

    public enum Outcome {
        ALLOW,
        REFUSE
    }

    /** A consumer to send the change to, with the fields it must not receive or must keep as its own. */
    public record Target(String site, List<String> excludeFields, List<String> localFields) {
    }

    public record Withheld(String site, RefusalReason reason, String detail) {
    }

    /** One rule applied on the way to the decision and what it found. */
    public record Step(String rule, String finding) {
    }
}
