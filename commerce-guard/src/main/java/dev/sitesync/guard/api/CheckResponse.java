package dev.sitesync.guard.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Verdict;
import dev.sitesync.guard.store.StoredDecision;

/**
 * A decision on an order.
 *
 * @param shadowVerdict the verdict had the rules in shadow mode been enforced
 */
public record CheckResponse(UUID decisionId, Verdict verdict, Verdict shadowVerdict, String rulesetVersion,
        List<Finding> findings, OffsetDateTime checkedAt) {

    static CheckResponse of(StoredDecision decision) {
        return new CheckResponse(decision.decisionId(), decision.verdict(), decision.shadowVerdict(),
                decision.rulesetVersion(), decision.findings(), decision.createdAt());
    }
}
