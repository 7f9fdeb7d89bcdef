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
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.source.Deliverer;
import dev.sitesync.worker.store.ParkedDeliveries;

/** Deliveries that ran out of attempts: listed for operators, retried or discarded by a sync admin with a reason. */
@Path("/ops/v1/parked-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class ParkedDeliveryResource {

    /** A page of parked deliveries, newest first; {@code next} is the {@code before} of the following page. */
    public record Page(List<ParkedDeliveries.View> items, Long next) {
    }

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
    public Uni<Page> list(@QueryParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("peer") @Pattern(regexp = SiteCode.PATTERN) String peer,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return parked.page(new ParkedDeliveries.Query(doctype, peer, before, limit)).map(items -> new Page(items,
                items.size() == limit ? items.get(items.size() - 1).id() : null));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<ParkedDeliveries.View> retry(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return parked.retry(id, Operators.subject(caller), action.reason().strip()).map(ParkedDeliveryResource::answer)
                .invoke(deliverer::nudge);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<ParkedDeliveries.View> discard(@PathParam("id") long id, @NotNull @Valid OperatorAction action) {
        return parked.discard(id, Operators.subject(caller), action.reason().strip()).map(ParkedDeliveryResource::answer);
    }

    private static ParkedDeliveries.View answer(ParkedDeliveries.Result result) {
        return switch (result.outcome()) {
            case DONE -> result.view();
            case NOT_FOUND -> throw new ProblemException(ProblemType.NOT_FOUND, "No delivery with this ID.");
            case NOT_PARKED -> throw new ProblemException(ProblemType.DELIVERY_NOT_PARKED, "Delivery "
                    + result.view().id() + " is " + result.view().status().toLowerCase()
                    + ", not parked; nothing was changed.");
        };
    }
}
