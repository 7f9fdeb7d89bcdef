package dev.sitesync.frappe.sim.fault;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/**
 * {@code /admin/faults/{site}}: reads, sets and clears a site's fault plan. Without
 * {@code frappe-sim.faults.enabled=true} at start the route answers 404, as if it did not exist.
 */
@Path("/admin/faults/{site}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FaultApi {

    private final Faults faults;
    private final SiteRegistry sites;
    private final boolean enabled;

    public FaultApi(Faults faults, SiteRegistry sites, SimConfig config) {
        this.faults = faults;
        this.sites = sites;
        this.enabled = config.faults().enabled();
    }

    @GET
    public FaultPlan get(@PathParam("site") String site) {
        return faults.of(known(site));
    }

    @PUT
    public FaultPlan set(@PathParam("site") String site, FaultPlan plan) {
        faults.set(known(site), plan);
        return plan;
    }

    @DELETE
    public Response clear(@PathParam("site") String site) {
        faults.clear(known(site));
        return Response.noContent().build();
    }

    private String known(String site) {
        if (!enabled) {
            throw new FrappeError("DoesNotExistError", 404, "Page not found", "Page Not Found");
        }
        if (!sites.contains(site)) {
            throw new FrappeError("DoesNotExistError", 404, "Site " + site + " not found");
        }
        return site;
    }
}
