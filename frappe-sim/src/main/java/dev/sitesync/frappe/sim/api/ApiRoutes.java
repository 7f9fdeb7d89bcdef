package dev.sitesync.frappe.sim.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;

/**
 * Frappe mounts its v1 rules at both {@code /api} and {@code /api/v1}, with the trailing slash optional
 * ({@code frappe/api/__init__.py}); requests are rerouted to the one form the resources serve.
 */
@ApplicationScoped
public class ApiRoutes {

    /** Before the fault filter, so a rerouted request meets its faults once, after rerouting. */
    static final int PRIORITY = 300;
    private static final String ACCEPT = "Accept";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            String canonical = canonical(path);
            if (canonical.equals(path)) {
                answerJson(context.request().headers());
                context.next();
                return;
            }
            String query = context.request().query();
            context.reroute(canonical + (query == null ? "" : "?" + query));
        }, PRIORITY);
    }

    /**
     * Frappe answers JSON whatever {@code Accept} says, except that errors become HTML pages for callers asking for
     * text; the resources produce JSON, so the caller's {@code Accept} is kept aside for the error pages.
     */
    private static void answerJson(MultiMap headers) {
        String accept = headers.get(ACCEPT);
        if (accept != null && !headers.contains(ErrorEnvelopes.ORIGINAL_ACCEPT)) {
            headers.set(ErrorEnvelopes.ORIGINAL_ACCEPT, accept);
            headers.set(ACCEPT, "application/json");
        }
    }

    static String canonical(String path) {
        String result = path;
        if (result.startsWith("/api/v1/")) {
            result = "/api/" + result.substring("/api/v1/".length());
        }
        if (result.startsWith("/api/") && result.length() > "/api/".length() && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
