package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.guard.audit.AuditReport;
import dev.sitesync.guard.audit.SiteAuditor;

@Path("/api/v1/audits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audits", description = "Anomaly audits of a site's documents, scheduled and on demand")
public class AuditResource {

    private final SiteAuditor auditor;

    public AuditResource(SiteAuditor auditor) {
        this.auditor = auditor;
    }

    /**
     * Audits the site now, as the schedule does; answers what each check examined and found. 409 while another audit of
     * the site runs (on any replica).
     */
    @POST
    @Path("/{site}")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<AuditReport> audit(@PathParam("site") @SiteCode String site) {
        return auditor.audit(site);
    }
}
