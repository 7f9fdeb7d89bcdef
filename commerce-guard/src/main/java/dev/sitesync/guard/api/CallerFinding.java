package dev.sitesync.guard.api;

import java.util.List;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;

/**
 * A finding as the caller who placed the order sees it: the rule, how much it weighs, and what to change. Never the
 * evidence: costs, stock levels and thresholds are the site's and the guard's, and a storefront could otherwise probe
 * them order by order. People who run the guard read whole findings through {@code /api/v1/order-decisions}.
 */
public record CallerFinding(String rule, Severity severity, String message) {

    /** The findings that concern the caller: enforced risks not waived, in the order the rules found them. */
    static List<CallerFinding> of(List<Finding> findings) {
        return findings.stream().filter(Finding::concernsCaller)
                .map(f -> new CallerFinding(f.rule(), f.severity(), f.advice())).toList();
    }
}
