package dev.sitesync.ownership.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.domain.InvalidPolicyException;
import dev.sitesync.ownership.domain.PolicyError;
import dev.sitesync.ownership.domain.TransferRequiredException;
import dev.sitesync.ownership.store.StalePolicyVersionException;
import dev.sitesync.support.problem.ProblemResponses;

/** Refused policy updates as problem+json; nothing of a refused update is applied. */
public class PolicyProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidPolicyException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.POLICY_INVALID, 400, e.getMessage() + ". Nothing was applied.",
                violations(e), request);
    }

    @ServerExceptionMapper
    public Response transferRequired(TransferRequiredException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.OWNERSHIP_TRANSFER_REQUIRED, 409, e.getMessage() + ". Nothing was applied.",
                violations(e),
                request);
    }

    @ServerExceptionMapper
    public Response stale(StalePolicyVersionException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.PRECONDITION_FAILED, 412, e.getMessage()
                + ". Nothing was applied; GET /api/v1/policy, redo the change on version " + e.latest()
                + " and send its ETag in If-Match.", null, request);
    }

    private static List<Violation> violations(InvalidPolicyException e) {
        return e.errors().stream().map(PolicyProblems::violation).toList();
    }

    private static Violation violation(PolicyError error) {
        return new Violation(error.path(), "line " + error.line() + ": " + error.message());
    }
}
