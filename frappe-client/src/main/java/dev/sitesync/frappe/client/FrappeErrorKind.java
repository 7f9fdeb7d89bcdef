package dev.sitesync.frappe.client;

/**
 * What went wrong, in the categories a caller's retry policy needs. Only {@link #RATE_LIMITED} and
 * {@link #UNAVAILABLE} are worth retrying unchanged; the others need a changed request or an operator.
 */
public enum FrappeErrorKind {

    /** 417: a {@code ValidationError} or subclass (mandatory, link, docstatus, ...): fix the data at its source. */
    VALIDATION(false),
    /** 417 {@code TimestampMismatchError}: the document changed since the {@code modified} the request carried. */
    TIMESTAMP_MISMATCH(false),
    /** 404: the document, doctype or route does not exist. */
    NOT_FOUND(false),
    /** 403: the user lacks the permission. */
    PERMISSION(false),
    /** 401, or 400 for a malformed {@code Authorization} header: the credentials are wrong or disabled. */
    AUTHENTICATION(false),
    /** 409: a document with that name already exists. */
    DUPLICATE(false),
    /** 429: the site asks to slow down; see {@link FrappeException#retryAfter()}. */
    RATE_LIMITED(true),
    /** 5xx, 408, timeouts, refused or dropped connections, unreadable success bodies: the site is not answering well. */
    UNAVAILABLE(true),
    /** Any other 4xx (400, 405, 413, 415...): the request itself is wrong. */
    BAD_REQUEST(false);

    private final boolean retryable;

    FrappeErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same request again later can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
