package dev.sitesync.console.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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

import dev.sitesync.console.client.BulkAction;
import dev.sitesync.console.client.ConflictView;
import dev.sitesync.console.client.Conflicts;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.Conflict;
import dev.sitesync.console.domain.Outcome;
import dev.sitesync.console.domain.ServiceFailure;

/**
 * Conflicts per site: a copy edited on its site while its owner changed the document. Listed and filtered, the two
 * versions side by side with the differing fields marked, resolved one by one or by filter with a required reason;
 * decided ones show who, when and why.
 */
@Path("/console/conflicts")
@Produces(MediaType.TEXT_HTML)
public class ConflictsResource {

    /** One site's open and recently decided conflicts; a null list and a failure when its worker did not answer. */
    public record SiteConflicts(String site, List<Conflict> open, List<Conflict> decided, ServiceFailure failure) {
    }

    private static final int LIMIT = 100;
    private static final int DECIDED = 10;

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
            return render(filter, unknownResolution());
        }
        return conflicts.resolve(site, id, resolution, reason).flatMap(answer -> render(filter, answer.ok()
                ? Outcome.done("Conflict " + id + " on " + site + ": " + answer.value().resolvedBy() + " "
                        + answer.value().decision() + ".")
                : Outcome.refused(answer.failure())));
    }

    /** Every open conflict of the site the filter selects, resolved the same way; the worker refuses an empty filter. */
    @POST
    @Path("/{site}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> resolveAll(@PathParam("site") String site, @RestForm String resolution,
            @RestForm String reason, @RestForm String doctype, @RestForm String sourceSite) {
        FailuresResource.Filter filter = new FailuresResource.Filter(services.site(site), null);
        if (!Conflict.isResolution(resolution)) {
            return render(filter, unknownResolution());
        }
        BulkAction.Filter selection = new BulkAction.Filter(FailuresResource.blank(doctype),
                FailuresResource.blank(sourceSite), null);
        return conflicts.resolveAll(site, resolution, reason, selection).flatMap(answer -> render(filter, answer.ok()
                ? Outcome.done(answer.value().decided() + " conflicts on " + site + " resolved (" + resolution + ")"
                        + (answer.value().ids().isEmpty() ? "." : ": " + answer.value().ids() + "."))
                : Outcome.refused(answer.failure())));
    }

    private static Outcome unknownResolution() {
        return Outcome.refused("Choose " + Conflict.ACCEPT_SOURCE + " (the owner's version is written) or "
                + Conflict.KEEP_TARGET + " (this site's version stays until the owner changes the document again).", 400);
    }

    private Uni<Response> render(FailuresResource.Filter filter, Outcome outcome) {
        List<String> sites = filter.site() == null ? config.sites() : List.of(services.site(filter.site()));
        return Uni.join().all(sites.stream().map(site -> load(site, filter.doctype())).toList()).andFailFast()
                .map(all -> Response.status(outcome == null ? 200 : outcome.status())
                        .entity(Pages.conflicts(all, filter, outcome, config.sites())).build());
    }

    private Uni<SiteConflicts> load(String site, String doctype) {
        Uni<Answer<List<Conflict>>> open = conflicts.list(site, ConflictView.OPEN, doctype, LIMIT);
        Uni<Answer<List<Conflict>>> accepted = conflicts.list(site, "ACCEPTED_SOURCE", doctype, DECIDED);
        Uni<Answer<List<Conflict>>> kept = conflicts.list(site, "KEPT_TARGET", doctype, DECIDED);
        return Uni.combine().all().unis(open, accepted, kept).asTuple().map(answers -> new SiteConflicts(site,
                answers.getItem1().ok() ? answers.getItem1().value() : null,
                decided(answers.getItem2(), answers.getItem3()), answers.getItem1().failure()));
    }

    /** The latest decisions of both kinds, newest first. */
    static List<Conflict> decided(Answer<List<Conflict>> accepted, Answer<List<Conflict>> kept) {
        return Stream.concat(accepted.ok() ? accepted.value().stream() : Stream.empty(),
                kept.ok() ? kept.value().stream() : Stream.empty())
                .sorted(Comparator.comparing(Conflict::resolvedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(DECIDED).toList();
    }
}
