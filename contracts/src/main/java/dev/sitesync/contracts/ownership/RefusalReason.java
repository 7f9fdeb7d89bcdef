package dev.sitesync.contracts.ownership;

/** Why a change may not sync (to anyone, or to one consumer when a target is withheld). */
public enum RefusalReason {
    /** The doctype is a ledger or stock movement: it never leaves its site. */
    NEVER_SYNC,
    /** The doctype is a transaction: register a reference in identity-service instead of copying it. */
    REFERENCE_ONLY,
    /** The policy does not classify the doctype, or declares no owner for it: deny by default. */
    UNKNOWN_DOCTYPE,
    /** The source site does not own the record. */
    OWNERSHIP_VIOLATION,
    /** The site is unknown or not active (onboarding, paused, retired). */
    SITE_NOT_ACTIVE,
    /** The site's versions are outside the doctype's supported range, or it lacks the external-ID custom field. */
    SCHEMA_BLOCKED
}
