package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.worker.store.DeadLetters;
import dev.sitesync.worker.store.Decision;
import dev.sitesync.worker.target.Applier;

/** Envelopes this site could not apply: listed for operators, retried or discarded by a sync admin with a reason. */
@Path("/ops/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Applier applier;
    private final SecurityIdentity caller;

    public DeadLetterResource(DeadLetters deadLetters, Applier applier, SecurityIdentity caller) {
        this.deadLetters = deadLetters;
        this.applier = applier;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Page<DeadLetters.View>> list(@QueryParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("state") @DefaultValue("open") @Pattern(regexp = "open|resolved|all") String state,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deadLetters.page(new DeadLetters.Query(doctype, state, before, limit))
                .map(items -> Page.of(items, limit, DeadLetters.View::id));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<DeadLetters.View> retry(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return deadLetters.retry(id, Operators.actor(caller), action.reason().strip()).map(this::answer)
                .invoke(applier::nudge);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<DeadLetters.View> discard(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return deadLetters.discard(id, Operators.actor(caller), action.reason().strip()).map(this::answer);
    }

    /** Retries every open dead letter the filter selects (up to 10,000), each recorded with the one reason. */
    @POST
    @Path("/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BulkAction.Result> retryAll(@NotNull @Valid BulkAction action) {
        String actor = Operators.actor(caller);
        return Operators.bulk(action, this::select, id -> deadLetters.retry(id, actor, action.reason().strip()))
                .invoke(applier::nudge);
    }

    /** Discards every open dead letter the filter selects (up to 10,000), each recorded with the one reason. */
    @POST
    @Path("/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BulkAction.Result> discardAll(@NotNull @Valid BulkAction action) {
        String actor = Operators.actor(caller);
        return Operators.bulk(action, this::select, id -> deadLetters.discard(id, actor, action.reason().strip()));
    }

    private Uni<java.util.List<Long>> select(BulkAction.Filter filter) {
        return deadLetters.select(new DeadLetters.Selection(filter.doctype(), filter.site(), filter.reason(),
                filter.from(), filter.to()), Operators.MAX_BULK);
    }

    private DeadLetters.View answer(Decision<DeadLetters.View> decision) {
        return Operators.answer(decision, "dead letter", ProblemType.DEAD_LETTER_RESOLVED, view -> "Dead letter "
                + view.id() + " was already " + view.resolution().toLowerCase() + " by " + view.resolvedBy());
    }
}
