package dev.sitesync.ownership.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document that cannot be applied, with every error found, each naming its line. */
public class InvalidPolicyException extends RuntimeException {

    private final List<PolicyError> errors;

    public InvalidPolicyException(List<PolicyError> errors) {
        super(describe(errors), null, false, false);
        this.errors = errors.stream().sorted().toList();
    }

    public List<PolicyError> errors() {
        return errors;
    }

    private static String describe(List<PolicyError> errors) {
        return errors.stream().sorted().map(PolicyError::toString)
                .collect(Collectors.joining("; ", "The policy has " + errors.size()
                        + (errors.size() == 1 ? " error: " : " errors: "), ""));
    }
}
