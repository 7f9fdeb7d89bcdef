package dev.sitesync.guard.store;

import java.math.BigDecimal;

/**
 * A payment callback as received and verified.
 *
 * @param salesOrder the order the payment is for, or null when it was paid before the order was placed
 * @param customer the customer who paid, which a payment made before its order must name
 */
public record PaymentEvent(String provider, String eventId, String type, String transactionId, BigDecimal amount,
        String currency, String site, String salesOrder, String customer) {

    /** The event type that confirms a payment; other types are acknowledged and recorded only. */
    public static final String SUCCEEDED = "payment.succeeded";

    public boolean confirmsPayment() {
        return SUCCEEDED.equals(type);
    }
}
