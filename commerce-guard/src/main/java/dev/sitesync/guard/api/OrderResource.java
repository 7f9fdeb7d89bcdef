package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.STOREFRONT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.service.Hashes;
import dev.sitesync.guard.service.OrderBlocked;
import dev.sitesync.guard.service.OrderGuard;
import dev.sitesync.guard.service.OrderRequests;
import dev.sitesync.guard.service.OrderRequests.Answer;
import dev.sitesync.support.problem.ProblemException;

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

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an answer given again to a request repeating an earlier one's Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,255}");

    private final OrderGuard guard;
    private final OrderRequests requests;
    private final SecurityIdentity caller;
    private final ObjectMapper json;

    public OrderResource(OrderGuard guard, OrderRequests requests, SecurityIdentity caller, ObjectMapper json) {
        this.guard = guard;
        this.requests = requests;
        this.caller = caller;
        this.json = json;
    }

    /** The verdict (PASS, REVIEW, BLOCK) on an order, with what to change. The decision is stored. */
    @POST
    @Path("/check")
    @RolesAllowed(STOREFRONT)
    public Uni<CheckResponse> check(@NotNull @Valid CheckRequest request) {
        return guard.check(request.site(), request.order(), request.contextOrNone(), callerName())
                .map(CheckResponse::of);
    }

    /**
     * Checks the order, then creates it on the site: PASS as a draft awaiting its payment (submitted at once when it
     * references a payment already confirmed), REVIEW as a draft with a hold note. BLOCK is a 422 problem listing what
     * to change. With an {@value #IDEMPOTENCY_KEY} header (1 to 255 of letters, digits and {@code ._:~+/=-}, or the
     * same as a quoted string), the order is created once whatever the retries: the same key and order answer the
     * first answer, marked {@value #REPLAYED}; another order under the key is a 422.
     */
    @POST
    @RolesAllowed(STOREFRONT)
    public Uni<Response> create(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid CheckRequest request, @Context HttpServerRequest http) {
        String key = parse(idempotencyKey);
        String name = callerName();
        return requests.once(name, key, Hashes.sha256(bytes(request)),
                decided -> guard.create(request.site(), request.order(), request.contextOrNone(), name, decided)
                        .map(created -> new Answer(201, write(OrderResponse.of(created))))
                        .onFailure(OrderBlocked.class).recoverWithItem(blocked -> new Answer(422,
                                write(OrderBlockedProblem.of(((OrderBlocked) blocked).decision(), http)))),
                decisionId -> guard.resume(request.site(), decisionId)
                        .map(found -> found.map(created -> new Answer(201, write(OrderResponse.of(created))))))
                .map(OrderResource::response);
    }

    private static Response response(Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(answer.status() < 400 ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE).entity(answer.body());
        return (answer.replayed() ? response.header(REPLAYED, "true") : response).build();
    }

    /** The key as sent: a token, or a structured-field string in quotes; null without the header. */
    private static String parse(String header) {
        if (header == null) {
            return null;
        }
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1)
                : header;
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Idempotency-Key must be 1 to 255 letters, digits or ._:~+/=- (a UUID is a good key).",
                    List.of(new Violation(IDEMPOTENCY_KEY, "must be 1 to 255 letters, digits or ._:~+/=-")));
        }
        return key;
    }

    private String write(Object body) {
        return new String(bytes(body), StandardCharsets.UTF_8);
    }

    /** As the guard read it, not as sent: key order and spacing do not make two requests differ. */
    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("What the guard read or answers always serialises", e);
        }
    }

    private String callerName() {
        return caller.getPrincipal().getName();
    }
}
