package dev.sitesync.console.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order commerce-guard holds for a person to decide.
 *
 * @param reason {@code review} (its verdict) or {@code stock} (paid, its stock promised to other orders first)
 * @param review what a person decided, or null while the order waits
 */
public record HeldOrder(UUID decisionId, String site, String salesOrder, String reason, List<String> rules,
        OffsetDateTime heldAt, String caller, String customer, String company, BigDecimal grandTotal, String currency,
        boolean paymentHeld, Review review) {

    public HeldOrder {
        rules = rules == null ? List.of() : rules;
    }

    /** A person's decision about a held order. */
    public record Review(String outcome, String reviewer, String comment, boolean submitted, String paymentEntry,
            OffsetDateTime decidedAt) {
    }
}
