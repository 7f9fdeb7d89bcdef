package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.service.Kpis;
import dev.sitesync.guard.store.KpiStore;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/kpis/{site}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kpis", description = "A site's order, payment, review and stock KPIs per period, kept once a day")
public class KpiResource {

    private final Kpis kpis;

    public KpiResource(Kpis kpis) {
        this.kpis = kpis;
    }

    /** The kept KPI snapshots of the site whose period lies within [from, to] (dates on the site, inclusive). */
    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<List<KpiStore.Stored>> between(@PathParam("site") @SiteCode String site,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        return kpis.between(site, first, last);
    }

    /** Computes the site's KPIs over [from, to] now, and keeps them in place of a snapshot of that period. */
    @POST
    @RolesAllowed(SYNC_ADMIN)
    public Uni<KpiStore.Stored> compute(@PathParam("site") @SiteCode String site, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "to must not be before from.",
                    List.of(new Violation("to", "must not be before from")));
        }
        return kpis.compute(site, first, last);
    }

    private static LocalDate date(String field, String value) {
        try {
            if (value == null) {
                throw new DateTimeParseException("missing", "", 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " is required, as a date such as 2026-11-23.",
                    List.of(new Violation(field, "must be a date (YYYY-MM-DD)")));
        }
    }
}
