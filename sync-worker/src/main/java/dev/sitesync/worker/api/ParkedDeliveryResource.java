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
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.worker.source.Deliverer;
import dev.sitesync.worker.store.Decision;
import dev.sitesync.worker.store.ParkedDeliveries;

/** Deliveries that ran out of attempts: listed for operators, retried or discarded by a sync admin with a reason. */
@Path("/ops/v1/parked-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class ParkedDeliveryResource {

    private final ParkedDeliveries parked;
    private final Deliverer deliverer;
    private final SecurityIdentity caller;

    public ParkedDeliveryResource(ParkedDeliveries parked, Deliverer deliverer, SecurityIdentity caller) {
        this.parked = parked;
        this.deliverer = deliverer;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Page<ParkedDeliveries.View>> list(@QueryParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("peer") @Pattern(regexp = SiteCode.PATTERN) String peer,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return parked.page(new ParkedDeliveries.Query(doctype, peer, before, limit))
                .map(items -> Page.of(items, limit, ParkedDeliveries.View::id));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<ParkedDeliveries.View> retry(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return parked.retry(id, Operators.actor(caller), action.reason().strip()).map(ParkedDeliveryResource::answer)
                .invoke(deliverer::nudge);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<ParkedDeliveries.View> discard(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return parked.discard(id, Operators.actor(caller), action.reason().strip()).map(ParkedDeliveryResource::answer);
    }

    /** Retries every parked delivery the filter selects (up to 10,000), each recorded with the one reason. */
    @POST
    @Path("/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BulkAction.Result> retryAll(@NotNull @Valid BulkAction action) {
        String actor = Operators.actor(caller);
        return Operators.bulk(action, this::select, id -> parked.retry(id, actor, action.reason().strip()))
                .invoke(deliverer::nudge);
    }

    /** Discards every parked delivery the filter selects (up to 10,000), each recorded with the one reason. */
    @POST
    @Path("/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BulkAction.Result> discardAll(@NotNull @Valid BulkAction action) {
        String actor = Operators.actor(caller);
        return Operators.bulk(action, this::select, id -> parked.discard(id, actor, action.reason().strip()));
    }

    /** The filter's site is the consumer; parked deliveries have no reason to filter on. */
    private Uni<java.util.List<Long>> select(BulkAction.Filter filter) {
        return parked.select(new ParkedDeliveries.Selection(filter.doctype(), filter.site(), filter.from(), filter.to()),
                Operators.MAX_BULK);
    }

    private static ParkedDeliveries.View answer(Decision<ParkedDeliveries.View> decision) {
        return Operators.answer(decision, "delivery", ProblemType.DELIVERY_NOT_PARKED,
                view -> "Delivery " + view.id() + " is " + view.status().toLowerCase() + ", not parked");
    }
}
