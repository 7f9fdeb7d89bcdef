package dev.sitesync.guard.api;

import java.util.List;
import java.util.UUID;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;

/** A decision ID as a caller sends it, in a path or a query: a UUID, or a 400 naming the field. */
final class DecisionIds {

    private DecisionIds() {
    }

    static UUID parse(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " must be a decision ID (a UUID).",
                    List.of(new Violation(field, "must be a UUID")));
        }
    }
}
