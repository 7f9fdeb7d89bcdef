package dev.sitesync.worker.domain;

/** What happened at one step of a change; the sync log's vocabulary. */
public enum SyncStatus {
    /** Source: an envelope was queued for a consumer. */
    QUEUED,
    /** Source: the consumer already has this content; nothing sent. */
    UNCHANGED,
    /** Source: a REFERENCE_ONLY document was registered with identity-service; nothing sent. */
    REFERENCED,
    /** Source: the policy refuses the doctype (NEVER, unknown, site not active, schema blocked). */
    REFUSED,
    /** Source: the site changed a document it does not own; nothing sent. */
    OWNERSHIP_VIOLATION,
    /** Source: the consumer's worker acknowledged the envelope. */
    DELIVERED,
    /** Source: delivery gave up after its attempts; an operator retries it. */
    DELIVERY_PARKED,
    /**
     * Target: an envelope its sender may not send (another site's documents, a doctype that is not a MASTER the
     * source owns) was refused; nothing of it was kept. The detail names the refusal and the token's client.
     */
    ENVELOPE_REFUSED,
    /** Target: the envelope is in the inbox. */
    RECEIVED,
    /** Target: the same envelope again; dropped. */
    DUPLICATE,
    /** Target: the document was written to the site. */
    APPLIED,
    /** Target: a delete became a disable. */
    DISABLED,
    /** Target: identity-service refused the link of a document's name here (links never change); an operator looks. */
    LINK_REFUSED,
    /** Target: an older version than the one applied arrived late; skipped. */
    SKIPPED_OLDER,
    /** Target: a Link dependency is not on the site yet; the document waits for it. */
    MISSING_DEPENDENCY,
    /** Target: the site failed transiently; retried with backoff. */
    RETRY,
    /** Target: the site refused the document (validation) or retries ran out; an operator decides. */
    DEAD_LETTER,
    /** Target: someone else changed the document on the site since our last write; never overwritten. */
    CONCURRENT_UPDATE,
    /** Target: the copy was changed by someone else while the owner changed the document; an operator decides. */
    CONFLICT_RAISED,
    /** Target: an operator resolved a conflict (accept-source or keep-target; the detail names who and why). */
    CONFLICT_RESOLVED,
    /** Target: an operator sent a dead letter back to the apply queue (the detail names who and why). */
    DEAD_LETTER_RETRIED,
    /** Target: an operator gave up a dead letter; the envelope is never applied. */
    DEAD_LETTER_DISCARDED,
    /** An operator paused a site or one of its doctypes here (the detail names who and why); nothing is dropped. */
    PAUSED,
    /** An operator lifted a pause (who, why, how long it held); the queues catch up in order. */
    RESUMED,
    /** Source: an operator sent a parked delivery back to the outbox. */
    DELIVERY_RETRIED,
    /** Source: an operator gave up a parked delivery; the consumer gets the document's next change instead. */
    DELIVERY_DISCARDED,
    /** A reconciliation of a doctype with its owner ended: what it found, in counts. */
    RECONCILED,
    /** An operator's repair asked the owner to send a missing or stale document again; applied again when it comes. */
    REPAIR_REQUESTED
}
