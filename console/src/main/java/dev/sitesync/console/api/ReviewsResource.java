package dev.sitesync.console.api;

import java.util.List;
import java.util.UUID;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.GuardApi;
import dev.sitesync.console.client.HeldOrder;
import dev.sitesync.console.client.ReviewPage;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.JsonTable;
import dev.sitesync.console.domain.Outcome;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;

/**
 * commerce-guard's review queue: the orders it holds (a REVIEW verdict, or paid with its stock promised elsewhere),
 * opened with the facts behind the hold, approved or rejected by an order reviewer with a comment.
 */
@Path("/console/reviews")
@Produces(MediaType.TEXT_HTML)
public class ReviewsResource {

    static final String GUARD = "commerce-guard";

    /** A held order opened: the order, the findings that held it (rule, severity, message, evidence). */
    public record Opened(HeldOrder order, JsonTable findings, String ruleSet) {
    }

    private final ConsoleConfig config;
    private final ServiceClients services;
    private final ObjectMapper json;

    public ReviewsResource(ConsoleConfig config, ServiceClients services, ObjectMapper json) {
        this.config = config;
        this.services = services;
        this.json = json;
    }

    @GET
    public Uni<Response> queue(@QueryParam("site") String site, @QueryParam("after") String after) {
        return queue(FailuresResource.blank(site), FailuresResource.blank(after), null);
    }

    @GET
    @Path("/{decisionId}")
    public Uni<Response> open(@PathParam("decisionId") String decisionId) {
        return open(decisionId(decisionId), null);
    }

    /** Approves or rejects the held order: the guard records it once, with the reviewer's name and comment. */
    @POST
    @Path("/{decisionId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@PathParam("decisionId") String decisionId, @RestForm String outcome,
            @RestForm String comment) {
        String id = decisionId(decisionId);
        if (!"approve".equals(outcome) && !"reject".equals(outcome)) {
            return open(id, Outcome.refused("Choose approve or reject.", 400));
        }
        return ServiceCalls.answer(GUARD, () -> services.guard().decide(id, outcome, new GuardApi.ReviewComment(comment)))
                .flatMap(answer -> open(id, answer.ok()
                        ? Outcome.done("Order " + answer.value().salesOrder() + " on " + answer.value().site() + " "
                                + answer.value().review().outcome().toLowerCase() + " by "
                                + answer.value().review().reviewer() + ".")
                        : Outcome.refused(answer.failure())));
    }

    private Uni<Response> queue(String site, String after, Outcome outcome) {
        return ServiceCalls.answer(GUARD, () -> services.guard().waiting(site, after, 50))
                .map(answer -> Response.status(outcome == null ? 200 : outcome.status())
                        .entity(Pages.reviews(answer.ok() ? answer.value() : new ReviewPage(List.of(), null),
                                answer.failure(), site, config.sites()))
                        .build());
    }

    private Uni<Response> open(String decisionId, Outcome outcome) {
        return ServiceCalls.answer(GUARD, () -> services.guard().open(decisionId)).map(answer -> {
            Opened opened = answer.ok() ? opened(answer.value()) : null;
            return Response.status(outcome == null ? 200 : outcome.status())
                    .entity(Pages.review(decisionId, opened, answer.failure(), outcome)).build();
        });
    }

    private Opened opened(JsonNode answer) {
        HeldOrder order = json.convertValue(answer.path("order"), HeldOrder.class);
        JsonNode decision = answer.path("decision");
        String ruleSet = decision.path("rulesetVersion").isValueNode()
                ? decision.path("rulesetVersion").asText()
                : null;
        return new Opened(order, JsonTable.of(decision.path("findings")), ruleSet);
    }

    private static String decisionId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "'" + value + "' is not a held order's ID; the review queue lists them.");
        }
    }
}
