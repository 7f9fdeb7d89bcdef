package dev.sitesync.guard.store;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Who handles a payment callback: this request (claimed), or an earlier one whose result is returned. */
public sealed interface PaymentClaim {

    /**
     * This request inserted or took over the event and must process it.
     *
     * @param eventId the event whose row was claimed: this delivery's, or the earlier delivery's of the same
     *        transaction that it took over; its result is stored there
     * @param token fences the claim: only its holder finishes or releases the row
     */
    record Claimed(String eventId, UUID token) implements PaymentClaim {
    }

    /** An earlier callback of this event or transaction finished with this result. */
    record Finished(String outcome, JsonNode result) implements PaymentClaim {
    }

    /** An earlier callback of this event or transaction is still being processed, or may still commit on the site. */
    record InProgress() implements PaymentClaim {
    }
}
