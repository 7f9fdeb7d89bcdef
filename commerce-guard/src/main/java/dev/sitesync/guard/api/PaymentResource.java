package dev.sitesync.guard.api;

import static dev.sitesync.contracts.Roles.GATEWAY;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.service.PaymentCallbacks;
import dev.sitesync.guard.service.PaymentResult;
import dev.sitesync.guard.store.PaymentEvent;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/payments/{provider}/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "payments", description = "Payment provider callbacks, forwarded by the gateway")
public class PaymentResource {

    public static final String SIGNATURE_HEADER = "X-Payment-Signature";

    private final PaymentCallbacks callbacks;
    private final SiteDirectory sites;
    private final ObjectMapper json;
    private final Validator validator;

    public PaymentResource(PaymentCallbacks callbacks, SiteDirectory sites, ObjectMapper json, Validator validator) {
        this.callbacks = callbacks;
        this.sites = sites;
        this.json = json;
        this.validator = validator;
    }

    /**
     * A provider's callback. The signature ({@value #SIGNATURE_HEADER}: {@code t=<unix>,v1=<hex HMAC-SHA256 of
     * "t.body">}) is checked over the raw body before it is read. Every delivery of one event, or of one transaction's
     * confirmation, answers with the result of the first; a payment is posted once.
     */
    @POST
    @RolesAllowed(GATEWAY)
    public Uni<PaymentResult> callback(@PathParam("provider") String provider,
            @HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) throws IOException {
        callbacks.verify(provider, signature, body);
        PaymentCallback callback = json.readValue(body, PaymentCallback.class);
        validate(callback);
        return callbacks.handle(new PaymentEvent(provider, callback.eventId(), callback.type(),
                callback.transactionId(), callback.amount(), callback.currency(), callback.site(),
                callback.salesOrder(), callback.customer()));
    }

    private void validate(PaymentCallback callback) {
        Set<ConstraintViolation<PaymentCallback>> violations = validator.validate(callback);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (callback.salesOrder() != null) {
            if (callback.site() == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "A callback naming a salesOrder must name its site.",
                        List.of(new Violation("site", "must not be null when salesOrder is given")));
            }
        }
        if (callback.site() != null) {
            sites.config(callback.site());
        }
    }
}
