package dev.sitesync.worker.domain;

/**
 * Why a change waits for an operator in {@code dead_letter}; stored by name, so names are kept. The target side's
 * reasons have an apply task; the source side's name a document of this site that cannot be captured as it is.
 */
public enum DeadLetterReason {
    /** Target: someone else changed the document on the site since our last write; never overwritten. */
    CONCURRENT_UPDATE,
    /** Target: the site refused the document (validation); the owner fixes it. */
    FIX_AT_SOURCE,
    /** Target: a delete for a doctype that can be neither disabled nor enabled. */
    NO_DISABLE_FIELD,
    /** Target: a SiteSync service refused a call for the document. */
    REFUSED_BY_SERVICE,
    /** Target: retries ran out. */
    RETRIES_EXHAUSTED,
    /** Source: the document's external-ID field holds a value that is not a UUID (typed by someone). */
    MALFORMED_EXTERNAL_ID,
    /** Source: the document carries the external ID of another document (a duplicated copy). */
    SHARED_EXTERNAL_ID,
    /** Source: the webhook event's capture kept failing past the events' maximum age. */
    CAPTURE_FAILED
}
