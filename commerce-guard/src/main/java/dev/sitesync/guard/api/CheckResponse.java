package dev.sitesync.guard.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.sitesync.guard.domain.Verdict;
import dev.sitesync.guard.store.StoredDecision;

/** A decision on an order, as the storefront that asked sees it: the verdict and what to change. */
public record CheckResponse(UUID decisionId, Verdict verdict, String rulesetVersion, List<CallerFinding> findings,
        OffsetDateTime checkedAt) {

    static CheckResponse of(StoredDecision decision) {
        return new CheckResponse(decision.decisionId(), decision.verdict(), decision.rulesetVersion(),
                CallerFinding.of(decision.findings()), decision.createdAt());
    }
}
