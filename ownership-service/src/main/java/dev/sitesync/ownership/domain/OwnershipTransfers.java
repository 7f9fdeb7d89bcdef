package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Refuses silent owner flips: when a new policy gives a doctype (or a scope value of a federated doctype) another
 * owner than the current policy does, its {@code transfers} must name the old and the new owner.
 */
public final class OwnershipTransfers {

    private OwnershipTransfers() {
    }

    /** The flips {@code next} makes over {@code current} without a transfer declaring them; empty when none. */
    public static List<PolicyError> undeclared(Policy current, PolicyDocument next) {
        List<PolicyError> errors = new ArrayList<>();
        for (Domain domain : next.policy().domains()) {
            Ownership after = domain.ownership();
            Ownership before = current.domain(domain.doctype()).map(Domain::ownership).orElse(null);
            if (before == null || after == null) {
                continue; // a new or non-MASTER domain has no previous owner to take over from
            }
            for (String scope : scopes(before, after)) {
                String from = ownerOf(before, scope);
                String to = ownerOf(after, scope);
                if (from != null && to != null && !from.equals(to)
                        && !declared(next.policy(), domain.doctype(), scope, from, to)) {
                    errors.add(new PolicyError(PolicyDocument.lineOf(ownerNode(next, domain.doctype(), scope)),
                            path(domain.doctype(), scope), describe(domain.doctype(), scope, from, to)));
                }
            }
        }
        return errors;
    }

    /** The scope values either side maps; a single owner on both sides compares once, with no scope. */
    private static Set<String> scopes(Ownership before, Ownership after) {
        Set<String> scopes = new LinkedHashSet<>();
        for (Ownership ownership : List.of(before, after)) {
            if (ownership instanceof Ownership.Federated federated) {
                scopes.addAll(federated.owners().keySet());
            }
        }
        if (scopes.isEmpty()) {
            scopes.add(null);
        }
        return scopes;
    }

    private static String ownerOf(Ownership ownership, String scope) {
        if (ownership instanceof Ownership.SingleOwner single) {
            return single.site();
        }
        return scope == null ? null : ((Ownership.Federated) ownership).owners().get(scope);
    }

    /** A transfer without a scope covers every scope value of its doctype. */
    private static boolean declared(Policy policy, String doctype, String scope, String from, String to) {
        return policy.transfers().stream().anyMatch(transfer -> transfer.doctype().equals(doctype)
                && transfer.from().equals(from) && transfer.to().equals(to)
                && (transfer.scope() == null || Objects.equals(transfer.scope(), scope)));
    }

    private static JsonNode ownerNode(PolicyDocument next, String doctype, String scope) {
        JsonNode federated = next.domainField(doctype, "federated").orElse(next.tree());
        if (scope != null && federated.path("owners").has(scope)) {
            return federated.path("owners").get(scope);
        }
        return next.domainField(doctype, "owner").orElse(next.tree());
    }

    private static String path(String doctype, String scope) {
        return "domains[" + doctype + "]" + (scope == null ? ".owner" : ".federated.owners." + scope);
    }

    private static String describe(String doctype, String scope, String from, String to) {
        String records = scope == null ? doctype : doctype + " with scope '" + scope + "'";
        String block = "{doctype: %s%s, from: %s, to: %s}".formatted(doctype, scope == null ? "" : ", scope: " + scope,
                from, to);
        return "ownership of %s moves from %s to %s without a transfer; declare it under transfers: %s"
                .formatted(records, from, to, block);
    }
}
