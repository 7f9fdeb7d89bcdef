package dev.sitesync.guard.domain;

import java.math.BigDecimal;

/** A payment the guard received from a provider with a valid signature, not yet used by any order. */
public record ConfirmedPayment(String provider, String transactionId, BigDecimal amount, String currency) {
}
