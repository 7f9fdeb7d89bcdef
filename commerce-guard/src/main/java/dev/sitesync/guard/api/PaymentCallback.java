package dev.sitesync.guard.api;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.guard.domain.SiteNumber;

/**
 * A payment provider's callback, in the provider-neutral shape the gateway forwards. Providers add fields over time;
 * fields not listed here are ignored (the signature covers the whole body anyway).
 *
 * @param type {@code payment.succeeded} confirms a payment; other types are recorded and acknowledged only
 * @param salesOrder the order paid for; absent when the customer paid before the order was placed
 * @param customer the customer who paid (the storefront passes it to the provider, which sends it back); a payment
 *        made before its order pays only that customer's order on that site
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentCallback(
        @NotBlank @Size(max = 255) String eventId,
        @NotBlank @Size(max = 64) String type,
        @NotBlank @Size(max = 255) String transactionId,
        @NotNull @Positive @SiteNumber BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @Pattern(regexp = SiteCode.PATTERN, message = "must be a site code") String site,
        @Size(max = 140) String salesOrder,
        @Size(max = 140) String customer) {
}
