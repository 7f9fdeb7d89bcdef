package dev.sitesync.guard.domain;

/** Which way a finding moves an order's risk. */
public enum Sentiment {
    RAISES_RISK,
    LOWERS_RISK,
    NEUTRAL
}
