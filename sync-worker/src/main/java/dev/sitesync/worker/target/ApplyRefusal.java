package dev.sitesync.worker.target;

import dev.sitesync.worker.domain.ApplyFailurePolicy;

/** A refusal the apply itself found (not an error the site answered): why, for the failure policy, and the detail. */
class ApplyRefusal extends RuntimeException {

    private final ApplyFailurePolicy.Cause cause;

    ApplyRefusal(ApplyFailurePolicy.Cause cause, String detail) {
        super(detail, null, false, false);
        this.cause = cause;
    }

    ApplyFailurePolicy.Cause cause() {
        return cause;
    }
}
