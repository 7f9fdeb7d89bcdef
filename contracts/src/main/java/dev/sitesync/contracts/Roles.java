package dev.sitesync.contracts;

/** The roles a caller's token may carry (ARCHITECTURE §6), as the {@code groups} claim or the realm roles. */
public final class Roles {

    public static final String SYNC_ADMIN = "sync-admin";
    public static final String SYNC_WORKER = "sync-worker";
    public static final String GATEWAY = "gateway";
    public static final String SRE = "sre";
    public static final String AUDITOR = "auditor";
    public static final String STOREFRONT = "storefront";
    /** A person who approves or rejects the orders commerce-guard holds for review. */
    public static final String ORDER_REVIEWER = "order-reviewer";

    private Roles() {
    }
}
