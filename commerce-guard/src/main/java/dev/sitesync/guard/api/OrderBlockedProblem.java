package dev.sitesync.guard.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The problem answered for a blocked order: RFC 9457's members plus the decision and the findings that blocked it, so
 * the storefront can tell the customer what to change without a second call (findings as {@link CallerFinding}s).
 */
public record OrderBlockedProblem(URI type, String title, int status, String detail, String instance,
        String requestId, UUID decisionId, String rulesetVersion, List<CallerFinding> findings) {
}
