package dev.sitesync.guard.service;

import java.util.List;

import dev.sitesync.guard.domain.Finding;

/**
 * The answer to a payment callback. Stored with the event, so every duplicate gets the same answer, marked duplicate.
 */
public record PaymentResult(String provider, String eventId, String transactionId, PaymentOutcome outcome, String site,
        String salesOrder, String paymentEntry, boolean salesOrderSubmitted, List<Finding> findings, boolean duplicate) {

    public PaymentResult asDuplicate() {
        return new PaymentResult(provider, eventId, transactionId, outcome, site, salesOrder, paymentEntry,
                salesOrderSubmitted, findings, true);
    }
}
