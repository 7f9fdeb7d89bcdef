package dev.sitesync.identity.api;

import java.util.List;
import java.util.UUID;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;

/** Parses an external ID from a path, answering 400 (not JAX-RS's 404) when it is not a UUID. */
final class ExternalIdParam {

    private ExternalIdParam() {
    }

    static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "externalId must be a UUID such as 0190f5a8-7c3e-7d2a-9b1e-3f4a5b6c7d8e",
                    List.of(new Violation("externalId", "must be a UUID")));
        }
    }
}
