package dev.sitesync.guard.service;

import dev.sitesync.guard.store.StoredDecision;

/** The guard refused to create an order: its decision is BLOCK. Answered as a 422 problem listing the findings. */
public class OrderBlocked extends RuntimeException {

    private final StoredDecision decision;

    public OrderBlocked(StoredDecision decision) {
        super("order blocked by decision " + decision.decisionId(), null, false, false);
        this.decision = decision;
    }

    public StoredDecision decision() {
        return decision;
    }
}
