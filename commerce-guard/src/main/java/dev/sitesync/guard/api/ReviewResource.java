package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.ORDER_REVIEWER;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.service.Reviews;
import dev.sitesync.guard.store.HeldOrder;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "Orders held for a person to approve or reject, and what each person decided")
public class ReviewResource {

    /** A page of held orders; {@code next} is the {@code after} of the next page, null on the last. */
    public record ReviewPage(List<HeldOrder> items, UUID next) {
    }

    /** Why the reviewer decides as they do: required, kept with the decision for good. */
    public record ReviewRequest(@NotBlank @Size(max = 2000) String comment) {
    }

    private final Reviews reviews;
    private final SecurityIdentity caller;

    public ReviewResource(Reviews reviews, SecurityIdentity caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /**
     * Orders waiting for a decision, longest waiting first: of one site, held for one rule, or held for longer than
     * {@code olderThan} (an ISO-8601 duration such as PT4H).
     */
    @GET
    @RolesAllowed({ORDER_REVIEWER, SRE, AUDITOR, SYNC_ADMIN})
    public Uni<ReviewPage> waiting(@QueryParam("site") @Pattern(regexp = "[a-z0-9-]{1,32}") String site,
            @QueryParam("rule") @Pattern(regexp = "[a-z0-9-]{1,64}") String rule,
            @QueryParam("olderThan") String olderThan, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return reviews.waiting(site, rule, duration(olderThan), after == null ? null : DecisionIds.parse("after", after), limit)
                .map(page -> new ReviewPage(page, page.size() == limit ? page.get(page.size() - 1).decisionId() : null));
    }

    /** A held order with the decision that held it: its findings and their evidence, and any review. */
    @GET
    @Path("/{decisionId}")
    @RolesAllowed({ORDER_REVIEWER, SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Reviews.Opened> open(@PathParam("decisionId") String decisionId) {
        return reviews.open(DecisionIds.parse("decisionId", decisionId));
    }

    /**
     * Approves a held order: with its payment waiting, the order is submitted (its stock read again; 409 when it is not
     * there) and the payment posted; without, its payment callback will submit it. Once per order.
     */
    @POST
    @Path("/{decisionId}/approve")
    @RolesAllowed(ORDER_REVIEWER)
    public Uni<HeldOrder> approve(@PathParam("decisionId") String decisionId, @NotNull @Valid ReviewRequest request) {
        return reviews.approve(DecisionIds.parse("decisionId", decisionId), reviewer(), request.comment());
    }

    /** Rejects a held order: it stays a draft with the reason on it; a payment waiting for it becomes a refund to make. */
    @POST
    @Path("/{decisionId}/reject")
    @RolesAllowed(ORDER_REVIEWER)
    public Uni<HeldOrder> reject(@PathParam("decisionId") String decisionId, @NotNull @Valid ReviewRequest request) {
        return reviews.reject(DecisionIds.parse("decisionId", decisionId), reviewer(), request.comment());
    }

    private String reviewer() {
        return caller.getPrincipal().getName();
    }

    private static Duration duration(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "olderThan must be an ISO-8601 duration, e.g. PT4H for four hours.",
                    List.of(new Violation("olderThan", "must be an ISO-8601 duration")));
        }
    }
}
