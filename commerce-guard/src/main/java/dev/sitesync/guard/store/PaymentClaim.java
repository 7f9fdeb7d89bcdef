package dev.sitesync.guard.store;

import com.fasterxml.jackson.databind.JsonNode;

/** Who handles a payment callback: this request (claimed), or an earlier one whose result is returned. */
public sealed interface PaymentClaim {

    /** This request inserted or reclaimed the event and must process it. */
    record Claimed() implements PaymentClaim {
    }

    /** An earlier callback of this event or transaction finished with this result. */
    record Finished(String outcome, JsonNode result) implements PaymentClaim {
    }

    /** An earlier callback of this event or transaction is still being processed. */
    record InProgress() implements PaymentClaim {
    }
}
