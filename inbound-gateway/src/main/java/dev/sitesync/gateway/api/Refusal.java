package dev.sitesync.gateway.api;

import java.util.Map;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;

/**
 * The gateway says no: the decision for the log and metrics, the problem for the caller, with a detail written for
 * the caller (never a secret, token, key or internal host name) and any headers the answer needs.
 */
public final class Refusal extends RuntimeException {

    private final Decision decision;
    private final ProblemType problem;
    private final Map<String, String> headers;

    public Refusal(Decision decision, ProblemType problem, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.decision = decision;
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Refusal(Decision decision, ProblemType problem, String detail) {
        this(decision, problem, detail, Map.of());
    }

    public Decision decision() {
        return decision;
    }

    public ProblemType problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
