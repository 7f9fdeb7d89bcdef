package dev.sitesync.guard.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.StoredDecision;
import dev.sitesync.support.http.RequestIds;

/**
 * The problem answered for a blocked order: RFC 9457's members plus the decision and the findings that blocked it, so
 * the storefront can tell the customer what to change without a second call (findings as {@link CallerFinding}s).
 */
public record OrderBlockedProblem(URI type, String title, int status, String detail, String instance,
        String requestId, UUID decisionId, String rulesetVersion, List<CallerFinding> findings) {

    static OrderBlockedProblem of(StoredDecision decision, HttpServerRequest request) {
        List<CallerFinding> findings = CallerFinding.of(decision.findings());
        String reasons = findings.stream().filter(f -> f.severity() == Severity.BLOCK)
                .map(f -> f.rule() + ": " + f.message()).collect(Collectors.joining("; "));
        ProblemType type = ProblemType.ORDER_BLOCKED;
        return new OrderBlockedProblem(type.uri(), type.title(), type.status(), "The order was not created: " + reasons,
                request.path(), RequestIds.of(request), decision.decisionId(), decision.rulesetVersion(), findings);
    }
}
