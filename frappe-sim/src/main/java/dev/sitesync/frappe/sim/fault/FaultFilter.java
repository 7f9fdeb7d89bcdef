package dev.sitesync.frappe.sim.fault;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.frappe.sim.admin.AdminGate;
import dev.sitesync.frappe.sim.api.Callers;
import dev.sitesync.frappe.sim.api.ErrorEnvelopes;
import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/**
 * Applies a site's fault plan to its {@code /api} requests before Frappe's code would run: as a proxy or a struggling
 * site shows them (nginx's HTML 502/504, Frappe's 503 and 429 envelopes, a closed connection).
 */
@ApplicationScoped
public class FaultFilter {

    private static final int PRIORITY = 200;

    private final Faults faults;
    private final SiteRegistry sites;
    private final Vertx vertx;
    private final boolean enabled;

    public FaultFilter(Faults faults, SiteRegistry sites, Vertx vertx, AdminGate gate) {
        this.faults = faults;
        this.sites = sites;
        this.vertx = vertx;
        this.enabled = gate.enabled();
    }

    void register(@Observes Filters filters) {
        if (enabled) {
            filters.register(this::apply, PRIORITY);
        }
    }

    private void apply(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/api")) {
            context.next();
            return;
        }
        String site = sites.resolve(context.request().getHeader(Callers.SITE_HEADER),
                context.request().getHeader("Host")).orElse(null);
        FaultPlan plan = site == null ? FaultPlan.NONE : faults.of(site);
        if (plan.outage()) {
            context.request().connection().close();
            return;
        }
        if (plan.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < plan.errorRate()) {
            fail(context, plan);
            return;
        }
        if (plan.latencyMs() > 0) {
            vertx.setTimer(plan.latencyMs(), tick -> context.next());
            return;
        }
        context.next();
    }

    private static void fail(RoutingContext context, FaultPlan plan) {
        int status = plan.errorStatus();
        var response = context.response().setStatusCode(status);
        if (status == 502 || status == 504) {
            String title = status + (status == 502 ? " Bad Gateway" : " Gateway Time-out");
            response.putHeader("Content-Type", "text/html").end("<html>\r\n<head><title>" + title
                    + "</title></head>\r\n<body>\r\n<center><h1>" + title
                    + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
            return;
        }
        FrappeError error = FrappeError.serverFault(status);
        if (status == 429) {
            response.putHeader("Retry-After", Integer.toString(plan.retryAfterSeconds()));
        }
        response.putHeader("Content-Type", "application/json").end(ErrorEnvelopes.v1Body(error).toString());
    }
}
