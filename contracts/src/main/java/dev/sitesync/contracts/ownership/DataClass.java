package dev.sitesync.contracts.ownership;

/** How a doctype may move between sites (ARCHITECTURE §3), from the most to the least permissive. */
public enum DataClass {

    /** Copied one way, from its owner to its consumers. */
    MASTER,
    /** Never copied: the source registers a reference (external ID, status, totals) instead. */
    REFERENCE_ONLY,
    /** Never moves at all: ledgers and stock movements stay on their site. */
    NEVER;

    /** Whether this class allows no more than {@code other} does. */
    public boolean isAtLeastAsStrictAs(DataClass other) {
        return ordinal() >= other.ordinal();
    }
}
