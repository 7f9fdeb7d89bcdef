package dev.sitesync.guard.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Verdict;

/**
 * A decision as stored: who asked about which order, what the rule set concluded, and (once created) the Sales Order
 * it led to.
 *
 * @param orderHash SHA-256 of the order as received, so a decision can be matched to the exact order later
 * @param salesOrder the Sales Order's name on the site, or null when none was created
 */
public record StoredDecision(UUID decisionId, String site, String caller, String channel, String orderHash,
        String customer, String company, String currency, BigDecimal grandTotal, int itemCount, Verdict verdict,
        Verdict shadowVerdict, String rulesetVersion, List<Finding> findings, OffsetDateTime createdAt,
        String salesOrder, Boolean submitted) {
}
