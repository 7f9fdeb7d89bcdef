package dev.sitesync.contracts.problem;

import java.net.URI;

/** The stable problem types. The URI is the contract; titles are for humans. */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", "The request is invalid", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON for this endpoint", 400),
    POLICY_INVALID("policy-invalid", "The ownership policy document is invalid", 400),
    INVALID_PATH("invalid-path", "The request path is not acceptable", 400),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", 401),
    INVALID_SIGNATURE("invalid-signature", "The webhook signature does not match its body", 401),
    FORBIDDEN("forbidden", "The caller lacks the role this operation needs", 403),
    IP_NOT_ALLOWED("ip-not-allowed", "The request comes from an address this caller may not use", 403),
    SITE_INACTIVE("site-inactive", "The site is not active", 403),
    /** A worker sent what only another site's worker may send: another site's documents, or a doctype that never travels. */
    ENVELOPE_NOT_TRUSTED("envelope-not-trusted", "The sender may not send this envelope", 403),
    /** A worker asked for a link on another site than its own. */
    SITE_NOT_CALLERS("site-not-callers", "A worker acts only for its own site", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    LINK_CONFLICT("link-conflict", "The link conflicts with an existing link", 409),
    DEAD_LETTER_RESOLVED("dead-letter-resolved", "The dead letter was already retried or discarded", 409),
    DELIVERY_NOT_PARKED("delivery-not-parked", "The delivery is no longer parked", 409),
    AUDIT_CHAIN_CONFLICT("audit-chain-conflict", "The sync log contradicts a head anchored before", 409),
    SCHEMA_MISMATCH("schema-mismatch", "The site's DocType no longer takes what SiteSync sends it", 409),
    OWNERSHIP_TRANSFER_REQUIRED("ownership-transfer-required", "Changing a doctype's owner needs an explicit transfer", 409),
    REQUEST_IN_PROGRESS("request-in-progress", "A request with this Idempotency-Key is still being processed", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource changed since it was read", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body's media type is not supported", 415),
    UNPROCESSABLE("unprocessable", "The request is well-formed but cannot be processed", 422),
    ORDER_BLOCKED("order-blocked", "The order is blocked by the guard's rules", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used for another request", 422),
    PRECONDITION_REQUIRED("precondition-required", "The request must be conditional (If-Match)", 428),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL_ERROR("internal-error", "An unexpected error occurred", 500),
    UNAVAILABLE("unavailable", "A dependency is unavailable; retry later", 503);

    public static final String BASE_URI = "https://sitesync.dev/problems/";

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(BASE_URI + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /**
     * The generic type for an HTTP status, for errors raised by the framework rather than by SiteSync: the first type
     * declared with that status.
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
