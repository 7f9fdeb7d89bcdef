package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.config.RuleSets;
import dev.sitesync.guard.domain.RuleSet;
import dev.sitesync.guard.service.BacktestReport;
import dev.sitesync.guard.service.Backtester;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets", description = "The active rule set, the candidates, and backtests of them")
public class RuleSetResource {

    private final RuleSets ruleSets;
    private final Backtester backtester;
    private final SiteDirectory sites;

    public RuleSetResource(RuleSets ruleSets, Backtester backtester, SiteDirectory sites) {
        this.ruleSets = ruleSets;
        this.backtester = backtester;
        this.sites = sites;
    }

    /** The active rule set first, then the candidates, each with every rule's mode and settings. */
    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public List<RuleSetView> list() {
        List<RuleSetView> views = new ArrayList<>();
        views.add(new RuleSetView(ruleSets.active().version(), true, ruleSets.active().describe()));
        ruleSets.candidates().forEach(c -> views.add(new RuleSetView(c.version(), false, c.describe())));
        return views;
    }

    /** Replays the rule set of this version over the site's orders in the window, next to the active rule set. */
    @POST
    @Path("/{version}/backtest")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BacktestReport> backtest(@PathParam("version") String version,
            @NotNull @Valid BacktestRequest request) {
        RuleSet candidate = ruleSets.find(version).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No rule set '%s'; GET /api/v1/rulesets lists the active one and the candidates.".formatted(version)));
        if (request.to().isBefore(request.from())) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "to must not be before from.",
                    List.of(new Violation("to", "must not be before from")));
        }
        sites.config(request.site());
        return backtester.run(candidate, request.site(), request.from(), request.to());
    }
}
