package dev.sitesync.guard.service;

import java.util.List;

import dev.sitesync.guard.domain.Finding;

/**
 * The answer to a payment callback. Stored with the event, so every duplicate gets the same answer, marked duplicate.
 */
public record PaymentResult(String provider, String eventId, String transactionId, PaymentOutcome outcome, String site,
        String salesOrder, String paymentEntry, boolean salesOrderSubmitted, List<Finding> findings, boolean duplicate) {

    /** The same result as the outcome of another delivery's event: the one whose row was claimed. */
    PaymentResult forEvent(String claimedEventId) {
        return new PaymentResult(provider, claimedEventId, transactionId, outcome, site, salesOrder, paymentEntry,
                salesOrderSubmitted, findings, duplicate);
    }

    public PaymentResult asDuplicate() {
        return new PaymentResult(provider, eventId, transactionId, outcome, site, salesOrder, paymentEntry,
                salesOrderSubmitted, findings, true);
    }
}
