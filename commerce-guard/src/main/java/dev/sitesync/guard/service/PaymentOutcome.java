package dev.sitesync.guard.service;

/** What a payment callback led to. */
public enum PaymentOutcome {
    /** The Sales Order is submitted and the Payment Entry posted against it (now, or before). */
    POSTED,
    /**
     * Nothing is posted yet: the order is held for review (its verdict, or stock promised to others since it was
     * checked); the payment is kept and posted if a reviewer approves the order.
     */
    HELD,
    /** Nothing was posted; the findings say why (amount, currency, unknown or cancelled order, an unbound payment). */
    REVIEW,
    /** The payment names no order yet; it is kept for the order its customer places on its site. */
    CONFIRMED,
    /** The event does not confirm a payment; it is recorded and acknowledged only. */
    IGNORED
}
