package dev.sitesync.frappe.sim.engine;

import java.util.Set;

/** Who is calling which site: the user a request runs as, and that user's roles. */
public record Caller(String site, String user, Set<String> roles) {

    public static final String ADMINISTRATOR = "Administrator";
    public static final String GUEST = "Guest";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller administrator(String site) {
        return new Caller(site, ADMINISTRATOR, Set.of("Administrator", "System Manager", "All"));
    }

    public static Caller guest(String site) {
        return new Caller(site, GUEST, Set.of("Guest"));
    }

    public boolean isAdministrator() {
        return ADMINISTRATOR.equals(user);
    }
}
