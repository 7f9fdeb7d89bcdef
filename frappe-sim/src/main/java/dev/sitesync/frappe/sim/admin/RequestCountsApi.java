package dev.sitesync.frappe.sim.admin;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /admin/requests/{site}}: the site's request counts since start or the last reset. */
@Path("/admin/requests/{site}")
@Produces(MediaType.APPLICATION_JSON)
public class RequestCountsApi {

    private final AdminGate gate;
    private final RequestCounts counts;

    public RequestCountsApi(AdminGate gate, RequestCounts counts) {
        this.gate = gate;
        this.counts = counts;
    }

    @GET
    public ObjectNode get(@PathParam("site") String site) {
        return counts.of(gate.site(site));
    }

    @DELETE
    public Response reset(@PathParam("site") String site) {
        counts.reset(gate.site(site));
        return Response.noContent().build();
    }
}
