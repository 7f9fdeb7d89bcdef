package dev.sitesync.worker.api;

import java.util.function.Function;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.store.Decision;

/** Operators' decisions: who took them, as the sync log records it, and the answer they get. */
final class Operators {

    private Operators() {
    }

    /**
     * Who acted, as an auditor reads it: the token's user name ({@code preferred_username}, a Keycloak client's
     * {@code service-account-<client>}), else its subject.
     */
    static String actor(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String name = token.getClaim("preferred_username");
            return name != null && !name.isBlank() ? name : token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The row as decided, or 404 when there is none, or 409 {@code already} saying what was decided before. */
    static <V> V answer(Decision<V> decision, String what, ProblemType already, Function<V, String> why) {
        return switch (decision.outcome()) {
            case DONE -> decision.view();
            case NOT_FOUND -> throw new ProblemException(ProblemType.NOT_FOUND, "No " + what + " with this ID.");
            case ALREADY_DECIDED -> throw new ProblemException(already, why.apply(decision.view())
                    + "; nothing was changed.");
        };
    }
}
