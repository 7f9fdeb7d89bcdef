package dev.sitesync.ownership.domain;

import java.util.List;

/** A policy that is valid on its own but flips an owner of the current policy without declaring the transfer. */
public class TransferRequiredException extends InvalidPolicyException {

    public TransferRequiredException(List<PolicyError> errors) {
        super(errors);
    }
}
