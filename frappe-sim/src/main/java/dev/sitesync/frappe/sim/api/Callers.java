package dev.sitesync.frappe.sim.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import dev.sitesync.frappe.sim.auth.Authenticator;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/** Who a request comes from: the site it names, then the user its Authorization header logs in. */
@ApplicationScoped
public class Callers {

    public static final String SITE_HEADER = "X-Frappe-Site-Name";

    private final SiteRegistry sites;
    private final Authenticator authenticator;

    public Callers(SiteRegistry sites, Authenticator authenticator) {
        this.sites = sites;
        this.authenticator = authenticator;
    }

    public Caller of(HttpHeaders headers) {
        String site = sites.resolve(headers.getHeaderString(SITE_HEADER), headers.getHeaderString(HttpHeaders.HOST))
                .orElseThrow(() -> new FrappeError("IncorrectSitePath", 404, "Site not found"));
        return authenticator.authenticate(site, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The caller of a method that Guest may not run ({@code @frappe.whitelist()} without {@code allow_guest}). */
    public Caller loggedIn(HttpHeaders headers) {
        Caller caller = of(headers);
        if (Caller.GUEST.equals(caller.user())) {
            throw FrappeError.permission("Not permitted");
        }
        return caller;
    }
}
