package dev.sitesync.guard.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A payment by the provider's name for it: the provider and its transaction ID. */
public record PaymentReference(@NotBlank @Size(max = 64) String provider, @NotBlank @Size(max = 255) String transactionId) {
}
