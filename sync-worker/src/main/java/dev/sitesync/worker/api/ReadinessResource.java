package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.domain.ReadinessReport;
import dev.sitesync.worker.readiness.SiteReadiness;

/** Whether this worker's site is fit to go live: the seed's checklist (§27), each item read from the site now. */
@Path("/ops/v1/readiness")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class ReadinessResource {

    private final SiteReadiness readiness;

    public ReadinessResource(SiteReadiness readiness) {
        this.readiness = readiness;
    }

    /** Always 200 when the checklist could be answered: {@code ready} and each check say whether the site is fit. */
    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<ReadinessReport> readiness() {
        return readiness.check();
    }
}
