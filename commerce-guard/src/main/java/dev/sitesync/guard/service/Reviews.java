package dev.sitesync.guard.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.HeldOrder;
import dev.sitesync.guard.store.HeldOrder.Review;
import dev.sitesync.guard.store.PaymentEventStore;
import dev.sitesync.guard.store.ReviewStore;
import dev.sitesync.guard.store.StoredDecision;
import dev.sitesync.support.problem.ProblemException;

/**
 * The review queue: the orders the guard holds, and what a person decides about each. Approving an order whose payment
 * is waiting submits it (its stock read again first) and posts the payment; approving one not paid yet lets its payment
 * callback submit it. Rejecting leaves it a draft with the reason written on it, and a payment waiting for it becomes a
 * refund to make. Every decision names who took it and why, and is never changed.
 */
@Singleton
public class Reviews {

    public static final String REFUND_NEEDED = "payment-refund-needed";

    private static final Logger LOG = Logger.getLogger(Reviews.class);

    private final ReviewStore reviews;
    private final DecisionStore decisions;
    private final PaymentEventStore payments;
    private final PaymentPosting posting;
    private final SiteOrders orders;
    private final SiteDirectory sites;

    public Reviews(ReviewStore reviews, DecisionStore decisions, PaymentEventStore payments, PaymentPosting posting,
            SiteOrders orders, SiteDirectory sites) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.payments = payments;
        this.posting = posting;
        this.orders = orders;
        this.sites = sites;
    }

    /**
     * Orders waiting for a decision, longest waiting first (see {@link ReviewStore#open}); after the order of decision
     * {@code after}, the last of the previous page.
     */
    public Uni<List<HeldOrder>> waiting(String site, String rule, Duration olderThan, UUID after, int limit) {
        if (after == null) {
            return reviews.open(site, rule, olderThan, null, null, limit);
        }
        return reviews.find(after).flatMap(last -> last.isEmpty()
                ? Uni.createFrom().failure(notHeld(after))
                : reviews.open(site, rule, olderThan, last.get().heldAt(), after, limit));
    }

    /** A held order with the decision that held it (its findings and evidence). */
    public Uni<Opened> open(UUID decisionId) {
        return reviews.find(decisionId).flatMap(held -> held.isEmpty()
                ? Uni.createFrom().failure(notHeld(decisionId))
                : decisions.find(decisionId).map(decision -> new Opened(held.get(), decision.orElseThrow())));
    }

    /** A held order and the decision that held it. */
    public record Opened(HeldOrder order, StoredDecision decision) {
    }

    public Uni<HeldOrder> approve(UUID decisionId, String reviewer, String comment) {
        return reviews.decide(decisionId, held -> decisions.find(decisionId).map(Optional::orElseThrow)
                .flatMap(decision -> payments.heldFor(held.site(), held.salesOrder()).flatMap(payment -> payment.isEmpty()
                        ? orders.get(held.site(), held.salesOrder()).map(order -> {
                            refuseIfCancelled(held, order.path("docstatus").asInt());
                            return new Review(Review.APPROVED, reviewer, comment, order.path("docstatus").asInt() == 1,
                                    null);
                        })
                        : postHeldPayment(held, decision, payment.get(), reviewer, comment))))
                .map(decided -> answer(decisionId, decided));
    }

    public Uni<HeldOrder> reject(UUID decisionId, String reviewer, String comment) {
        return reviews.decide(decisionId, held -> payments.heldFor(held.site(), held.salesOrder())
                .call(payment -> payment.map(p -> refundNeeded(held, p, reviewer)).orElse(Uni.createFrom().voidItem()))
                .call(payment -> noteOnSite(held, "Rejected by %s on %s: %s".formatted(reviewer,
                        LocalDate.now(sites.config(held.site()).timeZone()), comment)))
                .replaceWith(new Review(Review.REJECTED, reviewer, comment, false, null)))
                .map(decided -> answer(decisionId, decided));
    }

    private Uni<Review> postHeldPayment(HeldOrder held, StoredDecision decision, ConfirmedPayment payment,
            String reviewer, String comment) {
        return posting.postApproved(held.site(), decision, payment).map(posted -> {
            if (!posted.submitted()) {
                throw new ProblemException(ProblemType.CONFLICT, "Sales Order %s cannot be submitted now: %s; it stays"
                        .formatted(held.salesOrder(), String.join("; ", posted.findings().stream().map(Finding::message)
                                .toList()))
                        + " held. Approve it once the stock is there, or reject it and refund the payment.");
            }
            return new Review(Review.APPROVED, reviewer, comment, true, posted.paymentEntry());
        });
    }

    private Uni<Void> refundNeeded(HeldOrder held, ConfirmedPayment payment, String reviewer) {
        Finding refund = Finding.raises(REFUND_NEEDED, Severity.REVIEW,
                "Sales Order %s was rejected by %s; payment %s of %s %s must be refunded".formatted(held.salesOrder(),
                        reviewer, payment.transactionId(), payment.amount().toPlainString(), payment.currency()),
                Evidence.of("sales_order", held.salesOrder(), "provider", payment.provider(), "transaction_id",
                        payment.transactionId(), "amount", payment.amount(), "currency", payment.currency(),
                        "rejected_by", reviewer));
        return posting.keep(held.site(), payment.provider(), payment.transactionId(), List.of(refund));
    }

    /** The reason on the order itself, for whoever opens it on the site; the review is recorded whatever the site says. */
    private Uni<Void> noteOnSite(HeldOrder held, String note) {
        return orders.note(held.site(), held.salesOrder(), note).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LOG.warnf("The review of %s is recorded, but its note could not be written on site %s: %s",
                    held.salesOrder(), held.site(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private static void refuseIfCancelled(HeldOrder held, int docstatus) {
        if (docstatus == 2) {
            throw new ProblemException(ProblemType.CONFLICT, "Sales Order %s was cancelled on the site; reject it."
                    .formatted(held.salesOrder()));
        }
    }

    private static HeldOrder answer(UUID decisionId, ReviewStore.Decided decided) {
        HeldOrder held = decided.held().orElseThrow(() -> notHeld(decisionId));
        if (!decided.recorded()) {
            Review earlier = held.review();
            throw new ProblemException(ProblemType.CONFLICT, "The order of decision %s was already %s by %s at %s."
                    .formatted(decisionId, earlier.outcome().toLowerCase(Locale.ROOT), earlier.reviewer(),
                            earlier.decidedAt()));
        }
        return held;
    }

    private static ProblemException notHeld(UUID decisionId) {
        return new ProblemException(ProblemType.NOT_FOUND,
                "No order of decision %s is held for review; GET /api/v1/reviews lists the held orders."
                        .formatted(decisionId));
    }
}
