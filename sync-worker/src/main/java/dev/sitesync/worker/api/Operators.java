package dev.sitesync.worker.api;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

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

    /** The most items one bulk action decides; a larger selection is decided by repeating it. */
    static final int MAX_BULK = 10_000;

    /**
     * Decides each selected item on its own (each recorded once in the sync log, with who and why); items someone
     * else decided meanwhile are left as they are.
     */
    static <V> Uni<BulkAction.Result> bulk(BulkAction action, Function<BulkAction.Filter, Uni<List<Long>>> select,
            Function<Long, Uni<Decision<V>>> decide) {
        if (action.filter().isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A bulk action needs a filter naming at least one "
                    + "of doctype, site, reason, from and to; act on single items by their ID instead.");
        }
        return select.apply(action.filter()).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> decide.apply(id)
                        .map(decision -> decision.outcome() == Decision.Outcome.DONE ? id : null))
                .filter(id -> id != null).collect().asList()
                .map(decided -> new BulkAction.Result(decided.size(), decided)));
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
