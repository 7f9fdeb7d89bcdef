package dev.sitesync.guard.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.Verdict;

/**
 * A rule set replayed over a site's past orders, next to the active rule set over the same orders.
 *
 * @param candidateVerdicts how many orders the backtested rule set would PASS, REVIEW and BLOCK
 * @param activeVerdicts the same for the active rule set
 * @param skippedRules rules left out of both because they read state at the moment of ordering (stock, payments)
 * @param changed how many orders the two rule sets decide differently
 * @param differences those orders, up to the configured number
 * @param truncated true when the window held more orders than one backtest replays
 */
public record BacktestReport(String version, String activeVersion, String site, LocalDate from, LocalDate to,
        int ordersReplayed, boolean truncated, List<String> skippedRules, Map<Verdict, Integer> candidateVerdicts,
        Map<Verdict, Integer> activeVerdicts, int changed, List<Difference> differences) {

    /**
     * An order the two rule sets decide differently.
     *
     * @param rulesOnlyInCandidate rules that raised risk under the backtested set only
     * @param rulesOnlyInActive rules that raised risk under the active set only
     */
    public record Difference(String salesOrder, Verdict active, Verdict candidate, List<String> rulesOnlyInCandidate,
            List<String> rulesOnlyInActive) {
    }
}
