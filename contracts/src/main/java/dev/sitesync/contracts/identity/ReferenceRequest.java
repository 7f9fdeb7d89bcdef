package dev.sitesync.contracts.identity;

import java.math.BigDecimal;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.FrappeDatetime;

/**
 * The state of a REFERENCE_ONLY document (a Sales Order, say) that is registered, never copied.
 *
 * @param modified the document's Frappe {@code modified} timestamp; an older one than stored is ignored
 */
public record ReferenceRequest(
        @Size(max = 140) String status,
        Integer docstatus,
        BigDecimal grandTotal,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @FrappeDatetime String modified) {
}
