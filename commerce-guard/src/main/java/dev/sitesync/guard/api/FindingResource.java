package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.store.FindingQuery;
import dev.sitesync.guard.store.FindingStore;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "findings", description = "What audits and payment callbacks found on the sites")
public class FindingResource {

    private final FindingStore findings;

    public FindingResource(FindingStore findings) {
        this.findings = findings;
    }

    /** Findings newest first, filtered by site, rule, source, severity and when last seen; paged by {@code before}. */
    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<FindingPage> list(@QueryParam("site") @Pattern(regexp = "[a-z0-9-]{1,32}") String site,
            @QueryParam("rule") @Pattern(regexp = "[a-z0-9-]{1,64}") String rule,
            @QueryParam("source") @Pattern(regexp = "audit|payment") String source,
            @QueryParam("severity") @Pattern(regexp = "INFO|REVIEW|BLOCK") String severity,
            @QueryParam("since") String since, @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        FindingQuery query = new FindingQuery(site, rule, source, severity, timestamp(since), before, limit);
        return findings.page(query).map(page -> new FindingPage(page,
                page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    /** Every time a finding was seen, newest first, each with its evidence then. */
    @GET
    @Path("/{id}/sightings")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<List<FindingStore.Sighting>> sightings(@PathParam("id") @Min(1) long id,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return findings.sightings(id, limit);
    }

    private static OffsetDateTime timestamp(String since) {
        if (since == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "since must be an ISO-8601 timestamp with offset, e.g. 2026-11-23T00:00:00Z.",
                    List.of(new Violation("since", "must be an ISO-8601 timestamp with offset")));
        }
    }
}
