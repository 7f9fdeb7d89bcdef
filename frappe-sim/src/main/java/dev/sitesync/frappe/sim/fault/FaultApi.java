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

import dev.sitesync.frappe.sim.admin.AdminGate;

/**
 * {@code /admin/faults/{site}}: reads, sets and clears a site's fault plan. A plan set replaces the one before; its
 * write rules start with their full counts.
 */
@Path("/admin/faults/{site}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class FaultApi {

    private final Faults faults;
    private final AdminGate gate;

    public FaultApi(Faults faults, AdminGate gate) {
        this.faults = faults;
        this.gate = gate;
    }

    @GET
    public FaultPlan get(@PathParam("site") String site) {
        return faults.describe(gate.site(site));
    }

    @PUT
    public FaultPlan set(@PathParam("site") String site, String body) {
        String known = gate.site(site);
        return faults.set(known, gate.read(body, FaultPlan.class));
    }

    @DELETE
    public Response clear(@PathParam("site") String site) {
        faults.clear(gate.site(site));
        return Response.noContent().build();
    }
}
