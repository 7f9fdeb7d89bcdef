package dev.sitesync.console.api;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;

import dev.sitesync.contracts.Roles;

/**
 * The signed-in person, as pages show them: their name and roles, and which buttons to offer. Offering is a courtesy
 * only: every action is decided by the service it goes to, with the person's own token.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    private final SecurityIdentity identity;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** The person's SiteSync roles, sorted, for the header. */
    public List<String> roles() {
        return identity.getRoles().stream().filter(Viewer::sitesyncRole).sorted().toList();
    }

    public String rolesText() {
        List<String> roles = roles();
        return roles.isEmpty() ? "no SiteSync role" : String.join(", ", roles);
    }

    /** Retry, discard and resolve: a sync admin's. */
    public boolean mayResolve() {
        return identity.hasRole(Roles.SYNC_ADMIN);
    }

    /** Approve or reject held orders: an order reviewer's. */
    public boolean mayReview() {
        return identity.hasRole(Roles.ORDER_REVIEWER);
    }

    private static boolean sitesyncRole(String role) {
        return List.of(Roles.SYNC_ADMIN, Roles.SRE, Roles.AUDITOR, Roles.ORDER_REVIEWER).contains(role);
    }
}
