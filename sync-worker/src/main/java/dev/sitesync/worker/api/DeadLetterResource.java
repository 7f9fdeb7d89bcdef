package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.util.List;

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
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.store.DeadLetters;
import dev.sitesync.worker.target.Applier;

/** Envelopes this site could not apply: listed for operators, retried or discarded by a sync admin with a reason. */
@Path("/ops/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class DeadLetterResource {

    /** A page of dead letters, newest first; {@code next} is the {@code before} of the following page. */
    public record Page(List<DeadLetters.View> items, Long next) {
    }

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
    public Uni<Page> list(@QueryParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("state") @DefaultValue("open") @Pattern(regexp = "open|resolved|all") String state,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deadLetters.page(new DeadLetters.Query(doctype, state, before, limit)).map(items -> new Page(items,
                items.size() == limit ? items.get(items.size() - 1).id() : null));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<DeadLetters.View> retry(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return deadLetters.retry(id, Operators.subject(caller), action.reason().strip()).map(this::answer)
                .invoke(applier::nudge);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<DeadLetters.View> discard(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return deadLetters.discard(id, Operators.subject(caller), action.reason().strip()).map(this::answer);
    }

    private DeadLetters.View answer(DeadLetters.Result result) {
        return switch (result.outcome()) {
            case DONE -> result.view();
            case NOT_FOUND -> throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter with this ID.");
            case ALREADY_RESOLVED -> throw new ProblemException(ProblemType.DEAD_LETTER_RESOLVED, "Dead letter "
                    + result.view().id() + " was already " + result.view().resolution().toLowerCase() + " by "
                    + result.view().resolvedBy() + "; nothing was changed.");
        };
    }
}
