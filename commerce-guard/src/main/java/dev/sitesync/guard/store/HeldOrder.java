package dev.sitesync.guard.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order held for a person to decide, with what the queue shows of it.
 *
 * @param reason {@code review} (its verdict when it was created) or {@code stock} (paid, but its stock was promised to
 *        other orders before it could be submitted)
 * @param rules the rules behind the hold
 * @param paymentHeld true when its payment arrived and waits, unposted, for the decision
 * @param review what a person decided, or null while the order waits
 */
public record HeldOrder(UUID decisionId, String site, String salesOrder, String reason, List<String> rules,
        OffsetDateTime heldAt, String caller, String customer, String company, BigDecimal grandTotal, String currency,
        boolean paymentHeld, Review review) {

    /** A person's decision about a held order. */
    public record Review(String outcome, String reviewer, String comment, boolean submitted, String paymentEntry,
            OffsetDateTime decidedAt) {

        public static final String APPROVED = "APPROVED";
        public static final String REJECTED = "REJECTED";

        /** A decision about to be recorded; the database stamps when. */
        public Review(String outcome, String reviewer, String comment, boolean submitted, String paymentEntry) {
            this(outcome, reviewer, comment, submitted, paymentEntry, null);
        }
    }
}
