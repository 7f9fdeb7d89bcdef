package dev.sitesync.guard.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.PaymentClaim;
import dev.sitesync.guard.store.PaymentEvent;
import dev.sitesync.guard.store.PaymentEventStore;
import dev.sitesync.support.payment.PaymentSignature;
import dev.sitesync.support.problem.ProblemException;

/**
 * Payment provider callbacks: the signature is checked before anything else, then the event is claimed (insert
 * first), processed by exactly one request, and its result stored; every duplicate, concurrent or later, answers with
 * that first result and never posts again. A claim whose processing failed is given back for the provider's retry: at
 * once when the site certainly wrote nothing, after {@code guard.payment-settle-time} when a write timed out and may
 * still commit (the retry then finds that write instead of posting a second Payment Entry).
 */
@Singleton
public class PaymentCallbacks {

    private static final Logger LOG = Logger.getLogger(PaymentCallbacks.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration DUPLICATE_WAIT = Duration.ofSeconds(10);
    /** A payment made before its order that names no site or customer cannot pay any order. */
    public static final String UNBOUND = "payment-unbound";

    private final GuardConfig config;
    private final PaymentEventStore events;
    private final PaymentPosting posting;
    private final GuardMetrics metrics;
    private final ObjectMapper json;
    private final Map<String, PaymentSignature> signatures = new ConcurrentHashMap<>();

    public PaymentCallbacks(GuardConfig config, PaymentEventStore events, PaymentPosting posting, GuardMetrics metrics,
            ObjectMapper json) {
        this.config = config;
        this.events = events;
        this.posting = posting;
        this.metrics = metrics;
        this.json = json;
    }

    /** Refuses the callback unless the provider is known and signed this exact body within its window. */
    public void verify(String provider, String signatureHeader, byte[] body) {
        GuardConfig.PaymentProvider settings = config.paymentProviders().get(provider);
        if (settings == null) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "No payment provider '%s' is configured; callbacks go to /api/v1/payments/{provider}/callbacks with a configured provider."
                            .formatted(provider));
        }
        PaymentSignature signature = signatures.computeIfAbsent(provider,
                name -> new PaymentSignature(settings.secrets(), settings.window()));
        PaymentSignature.Check check = signature.verify(signatureHeader, body, Instant.now());
        if (!check.valid()) {
            metrics.payment(provider, "INVALID_SIGNATURE");
            throw new ProblemException(ProblemType.INVALID_SIGNATURE,
                    "The X-Payment-Signature of this callback is not valid: " + check.reason() + ".");
        }
    }

    /** Handles a verified event; answers the result of its first handling. */
    public Uni<PaymentResult> handle(PaymentEvent event) {
        return events.claim(event, config.paymentClaimTimeout()).flatMap(claim -> answer(event, claim, Instant.now()));
    }

    private Uni<PaymentResult> answer(PaymentEvent event, PaymentClaim claim, Instant firstAsked) {
        if (claim instanceof PaymentClaim.Finished finished) {
            metrics.payment(event.provider(), "DUPLICATE");
            return Uni.createFrom().item(read(finished).asDuplicate());
        }
        if (claim instanceof PaymentClaim.Claimed claimed) {
            return process(event, claimed);
        }
        if (Duration.between(firstAsked, Instant.now()).compareTo(DUPLICATE_WAIT) > 0) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                    "Another delivery of event %s is still being processed; retry later for its result."
                            .formatted(event.eventId())));
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                .flatMap(ignored -> events.existing(event, config.paymentClaimTimeout()))
                .flatMap(next -> answer(event, next, firstAsked));
    }

    /**
     * Processes a claimed event; its findings are recorded before its result, which ends the claim. The result is kept
     * on the row claimed, which is the earlier delivery's when this one took a transaction over.
     */
    private Uni<PaymentResult> process(PaymentEvent event, PaymentClaim.Claimed claim) {
        return outcome(event)
                .map(result -> result.forEvent(claim.eventId()))
                .call(result -> posting.keep(event.site(), event.provider(), event.transactionId(), result.findings()))
                .call(result -> events.complete(event.provider(), claim, result.outcome().name(), result)
                        .invoke(stored -> {
                            if (!stored) {
                                LOG.warnf("Payment event %s of %s was taken over while it was processed; the result of"
                                        + " the request that took it over stands", claim.eventId(), event.provider());
                            }
                        }))
                .invoke(result -> metrics.payment(event.provider(), result.outcome().name()))
                .onFailure().call(failure -> {
                    Duration settle = mayStillCommit(failure) ? config.paymentSettleTime() : Duration.ZERO;
                    LOG.warnf("Payment event %s of %s could not be processed; released for the provider's retry in %s:"
                            + " %s", event.eventId(), event.provider(), settle, failure.getMessage());
                    metrics.payment(event.provider(), "FAILED");
                    return events.release(event.provider(), claim, settle);
                });
    }

    /** A site call that timed out, or that a proxy gave up on, may have written on the site all the same. */
    private static boolean mayStillCommit(Throwable failure) {
        return failure instanceof FrappeException frappe && frappe.retryable()
                && (frappe.status() == 0 || frappe.status() == 502 || frappe.status() == 504);
    }

    private Uni<PaymentResult> outcome(PaymentEvent event) {
        if (!event.confirmsPayment()) {
            return Uni.createFrom().item(result(event, PaymentOutcome.IGNORED, null, false, List.of()));
        }
        if (event.salesOrder() == null) {
            if (event.site() == null || event.customer() == null) {
                return Uni.createFrom().item(result(event, PaymentOutcome.REVIEW, null, false, List.of(Finding.raises(
                        UNBOUND, Severity.REVIEW,
                        "Payment %s was made before its order but names no site or customer, so it can pay no order"
                                .formatted(event.transactionId()),
                        Evidence.of("transaction_id", event.transactionId(), "site", event.site(), "customer",
                                event.customer(), "amount", event.amount(), "currency", event.currency())))));
            }
            return Uni.createFrom().item(result(event, PaymentOutcome.CONFIRMED, null, false, List.of()));
        }
        ConfirmedPayment payment = new ConfirmedPayment(event.provider(), event.transactionId(), event.amount(),
                event.currency());
        return posting.post(event.site(), event.salesOrder(), payment)
                .map(posted -> result(event, posted.outcome(), posted.paymentEntry(), posted.submitted(),
                        posted.findings()))
                .onFailure(f -> f instanceof FrappeException frappe && !frappe.retryable())
                .recoverWithItem(failure -> result(event, PaymentOutcome.REVIEW, null, false,
                        List.of(PaymentPosting.refusedBySite(event, (FrappeException) failure))));
    }

    private static PaymentResult result(PaymentEvent event, PaymentOutcome outcome, String paymentEntry,
            boolean submitted, List<Finding> found) {
        return new PaymentResult(event.provider(), event.eventId(), event.transactionId(), outcome, event.site(),
                event.salesOrder(), paymentEntry, submitted, found, false);
    }

    private PaymentResult read(PaymentClaim.Finished finished) {
        try {
            return json.treeToValue(finished.result(), PaymentResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored payment result no longer reads", e);
        }
    }
}
