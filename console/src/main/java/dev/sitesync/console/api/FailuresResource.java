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

import dev.sitesync.console.client.BulkAction;
import dev.sitesync.console.client.DeadLetter;
import dev.sitesync.console.client.OperatorAction;
import dev.sitesync.console.client.ParkedDelivery;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.Outcome;
import dev.sitesync.console.domain.ServiceFailure;

/**
 * Dead letters (envelopes a site refused, with ERPNext's message) and parked deliveries (envelopes a peer's worker did
 * not take), per site: retried or discarded one at a time or by filter, each with a reason the worker records.
 */
@Path("/console/failures")
@Produces(MediaType.TEXT_HTML)
public class FailuresResource {

    /** What one site holds for people; a list is null when its worker did not answer, and its failure says why. */
    public record SiteFailures(String site, List<DeadLetter> deadLetters, List<ParkedDelivery> parked,
            List<DeadLetter> decided, ServiceFailure failure) {
    }

    /** The filter the page was opened with, kept in its forms. */
    public record Filter(String site, String doctype) {
    }

    private static final int LIMIT = 50;

    private final ConsoleConfig config;
    private final ServiceClients services;

    public FailuresResource(ConsoleConfig config, ServiceClients services) {
        this.config = config;
        this.services = services;
    }

    @GET
    public Uni<Response> page(@QueryParam("site") String site, @QueryParam("doctype") String doctype) {
        return render(new Filter(blank(site), blank(doctype)), null);
    }

    @POST
    @Path("/{site}/dead-letters/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decideDeadLetter(@PathParam("site") String site, @PathParam("id") long id,
            @RestForm String action, @RestForm String reason) {
        return act(site, action, () -> ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).decideDeadLetter(id, action, new OperatorAction(reason)))
                .map(answer -> answer.map(letter -> "Dead letter " + id + " on " + site + " "
                        + letter.resolution().toLowerCase() + " by " + letter.resolvedBy() + ".")));
    }

    @POST
    @Path("/{site}/parked-deliveries/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decideParkedDelivery(@PathParam("site") String site, @PathParam("id") long id,
            @RestForm String action, @RestForm String reason) {
        return act(site, action, () -> ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).decideParkedDelivery(id, action, new OperatorAction(reason)))
                .map(answer -> answer.map(delivery -> "Parked delivery " + id + " from " + site + " to "
                        + delivery.peer() + ": " + delivery.status().toLowerCase() + ".")));
    }

    /** Every open dead letter of the site the filter selects; the worker refuses an empty filter. */
    @POST
    @Path("/{site}/dead-letters")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decideDeadLetters(@PathParam("site") String site, @RestForm String action,
            @RestForm String reason, @RestForm String doctype, @RestForm String sourceSite,
            @RestForm String failure) {
        BulkAction bulk = new BulkAction(reason, new BulkAction.Filter(blank(doctype), blank(sourceSite), blank(failure)));
        return act(site, action, () -> ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).decideDeadLetters(action, bulk))
                .map(answer -> answer.map(result -> bulkText(result, "dead letter", action, site))));
    }

    /** Every parked delivery of the site the filter selects. */
    @POST
    @Path("/{site}/parked-deliveries")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decideParkedDeliveries(@PathParam("site") String site, @RestForm String action,
            @RestForm String reason, @RestForm String doctype, @RestForm String peer) {
        BulkAction bulk = new BulkAction(reason, new BulkAction.Filter(blank(doctype), blank(peer), null));
        return act(site, action, () -> ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).decideParkedDeliveries(action, bulk))
                .map(answer -> answer.map(result -> bulkText(result, "parked delivery", action, site))));
    }

    private Uni<Response> act(String site, String action, java.util.function.Supplier<Uni<Answer<String>>> call) {
        services.worker(site);
        if (!"retry".equals(action) && !"discard".equals(action)) {
            return render(new Filter(site, null), Outcome.refused("Choose retry or discard.", 400));
        }
        return call.get().flatMap(answer -> render(new Filter(site, null),
                answer.ok() ? Outcome.done(answer.value()) : Outcome.refused(answer.failure())));
    }

    private Uni<Response> render(Filter filter, Outcome outcome) {
        List<String> sites = filter.site() == null ? config.sites() : List.of(services.site(filter.site()));
        return Uni.join().all(sites.stream().map(site -> load(site, filter.doctype())).toList()).andFailFast()
                .map(all -> Response.status(outcome == null ? 200 : outcome.status())
                        .entity(Pages.failures(all, filter, outcome, config.sites())).build());
    }

    private Uni<SiteFailures> load(String site, String doctype) {
        var worker = services.worker(site);
        Uni<Answer<List<DeadLetter>>> open = ServiceCalls.answer(Sites.worker(site),
                () -> worker.deadLetters(doctype, "open", null, LIMIT)).map(a -> a.map(page -> withoutConflicts(page.items())));
        Uni<Answer<List<ParkedDelivery>>> parked = ServiceCalls.answer(Sites.worker(site),
                () -> worker.parkedDeliveries(doctype, null, null, LIMIT)).map(a -> a.map(page -> page.items()));
        Uni<Answer<List<DeadLetter>>> decided = ServiceCalls.answer(Sites.worker(site),
                () -> worker.deadLetters(doctype, "resolved", null, 10))
                .map(a -> a.map(page -> withoutConflicts(page.items())));
        return Uni.combine().all().unis(open, parked, decided).asTuple().map(answers -> {
            Answer<List<DeadLetter>> dead = answers.getItem1();
            Answer<List<ParkedDelivery>> held = answers.getItem2();
            Answer<List<DeadLetter>> done = answers.getItem3();
            return new SiteFailures(site, dead.ok() ? dead.value() : null, held.ok() ? held.value() : null,
                    done.ok() ? done.value() : List.of(), firstFailure(dead, held));
        });
    }

    private static List<DeadLetter> withoutConflicts(List<DeadLetter> letters) {
        return letters.stream().filter(letter -> !DeadLetter.CONFLICT.equals(letter.reason())).toList();
    }

    private static ServiceFailure firstFailure(Answer<?>... answers) {
        for (Answer<?> answer : answers) {
            if (!answer.ok()) {
                return answer.failure();
            }
        }
        return null;
    }

    private static String bulkText(BulkAction.Result result, String what, String action, String site) {
        String verb = "retry".equals(action) ? "retried" : "discarded";
        return result.decided() + " " + what + (result.decided() == 1 ? "" : "s") + " on " + site + " " + verb
                + (result.ids().isEmpty() ? "." : ": " + result.ids() + ".");
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
