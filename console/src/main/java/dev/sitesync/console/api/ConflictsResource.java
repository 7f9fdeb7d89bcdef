package dev.sitesync.console.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.Conflicts;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Conflict;
import dev.sitesync.console.domain.Outcome;
import dev.sitesync.console.domain.ServiceFailure;

/**
 * Conflicts per site: a local edit met the owner's version. Listed and filtered, the two versions side by side where
 * the worker gives them, each resolved with a required reason; decided ones show who, when and why.
 */
@Path("/console/conflicts")
@Produces(MediaType.TEXT_HTML)
public class ConflictsResource {

    /** One site's open and recently decided conflicts; null lists and a failure when its worker did not answer. */
    public record SiteConflicts(String site, List<Conflict> open, List<Conflict> decided, ServiceFailure failure) {
    }

    private final ConsoleConfig config;
    private final ServiceClients services;
    private final Conflicts conflicts;

    public ConflictsResource(ConsoleConfig config, ServiceClients services, Conflicts conflicts) {
        this.config = config;
        this.services = services;
        this.conflicts = conflicts;
    }

    @GET
    public Uni<Response> page(@QueryParam("site") String site, @QueryParam("doctype") String doctype) {
        return render(new FailuresResource.Filter(FailuresResource.blank(site), FailuresResource.blank(doctype)), null);
    }

    @POST
    @Path("/{site}/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> resolve(@PathParam("site") String site, @PathParam("id") long id,
            @RestForm String resolution, @RestForm String reason) {
        FailuresResource.Filter filter = new FailuresResource.Filter(services.site(site), null);
        if (!Conflict.isResolution(resolution)) {
            return render(filter, Outcome.refused("Choose " + Conflict.ACCEPT_SOURCE + " (the owner's version is "
                    + "written) or " + Conflict.KEEP_TARGET + " (this site's version stays).", 400));
        }
        return conflicts.resolve(site, id, resolution, reason).flatMap(answer -> render(filter,
                answer.ok() ? Outcome.done(answer.value()) : Outcome.refused(answer.failure())));
    }

    private Uni<Response> render(FailuresResource.Filter filter, Outcome outcome) {
        List<String> sites = filter.site() == null ? config.sites() : List.of(services.site(filter.site()));
        return Uni.join().all(sites.stream().map(site -> load(site, filter.doctype())).toList()).andFailFast()
                .map(all -> Response.status(outcome == null ? 200 : outcome.status())
                        .entity(Pages.conflicts(all, filter, outcome, config.sites())).build());
    }

    private Uni<SiteConflicts> load(String site, String doctype) {
        return conflicts.list(site, "open", doctype).flatMap(open -> conflicts.list(site, "resolved", doctype)
                .map(decided -> new SiteConflicts(site, open.ok() ? open.value() : null,
                        decided.ok() ? decided.value().stream().limit(10).toList() : List.of(),
                        open.ok() ? null : open.failure())));
    }
}
