package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.STOREFRONT;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.service.OrderGuard;

/**
 * Storefront orders. The endpoints run on the event loop: nothing here blocks (sites and the database are reached
 * through non-blocking clients), and the rules' arithmetic is bounded, because every number was checked to fit a site's
 * fields before anything is computed with it.
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders", description = "Storefront orders, checked before they touch stock and ledgers")
public class OrderResource {

    private final OrderGuard guard;
    private final SecurityIdentity caller;

    public OrderResource(OrderGuard guard, SecurityIdentity caller) {
        this.guard = guard;
        this.caller = caller;
    }

    /** The verdict (PASS, REVIEW, BLOCK) on an order, with the findings behind it. The decision is stored. */
    @POST
    @Path("/check")
    @RolesAllowed(STOREFRONT)
    public Uni<CheckResponse> check(@NotNull @Valid CheckRequest request) {
        return guard.check(request.site(), request.order(), request.contextOrNone(), callerName())
                .map(CheckResponse::of);
    }

    /**
     * Checks the order, then creates it on the site: PASS as a draft awaiting its payment (submitted at once when it
     * references a payment already confirmed), REVIEW as a draft with a hold note. BLOCK is a 422 problem listing the
     * findings.
     */
    @POST
    @RolesAllowed(STOREFRONT)
    public Uni<Response> create(@NotNull @Valid CheckRequest request) {
        return guard.create(request.site(), request.order(), request.contextOrNone(), callerName())
                .map(created -> Response.status(Response.Status.CREATED).entity(OrderResponse.of(created)).build());
    }

    private String callerName() {
        return caller.getPrincipal().getName();
    }
}
