package dev.sitesync.guard.service;

/** What a payment callback led to. */
public enum PaymentOutcome {
    /** The Payment Entry is posted and the Sales Order submitted (now, or before). */
    POSTED,
    /** The Payment Entry is posted; the order stays a draft because it is held for review or was not passed here. */
    POSTED_ORDER_HELD,
    /** Nothing was posted; the findings say why (amount, currency, unknown or cancelled order). */
    REVIEW,
    /** The payment names no order yet; it is kept for the order that references it. */
    CONFIRMED,
    /** The event does not confirm a payment; it is recorded and acknowledged only. */
    IGNORED
}
