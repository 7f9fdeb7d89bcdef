package dev.sitesync.guard.service;

import dev.sitesync.guard.store.StoredDecision;

/**
 * A checked order and the Sales Order it became on the site.
 *
 * @param heldForReview true when the order waits as a draft with a hold note for someone to review it
 * @param paymentEntry the Payment Entry posted for an order paid before it was placed, or null
 */
public record CreatedOrder(StoredDecision decision, String salesOrder, int docstatus, String status,
        boolean heldForReview, String paymentEntry) {
}
