package dev.sitesync.gateway.domain;

import java.util.Locale;

/**
 * What the gateway decided about a request: the {@code decision} label of the access log and of
 * {@code sitesync_gateway_requests_total{route,decision,status}}. Every refusal has its own, so denials can be counted
 * by reason; the labels are the ones the alerts name.
 */
public enum Decision {

    /** An API call or payment callback passed every check and was answered by its upstream. */
    FORWARDED,
    /** A webhook the site's worker committed. */
    ACCEPTED,
    /** A webhook already taken: answered without forwarding it again. */
    DUPLICATE,
    INVALID_PATH,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    /** No valid bearer token (answered 401 {@code unauthenticated}). */
    UNAUTHORIZED,
    FORBIDDEN,
    IP_NOT_ALLOWED,
    SITE_UNKNOWN,
    SITE_INACTIVE,
    INVALID_SIGNATURE,
    PAYLOAD_TOO_LARGE,
    MALFORMED_BODY,
    INVALID_BODY,
    RATE_LIMITED,
    /** The token signing keys could not be fetched: refused with 503, never let through and never a 401. */
    KEYS_UNAVAILABLE,
    /** The site registry could not be read and the last good read is too old. */
    REGISTRY_UNAVAILABLE,
    /** A dependency of the gateway itself (its database, its own token) failed. */
    GATEWAY_UNAVAILABLE,
    /** The service behind the route did not answer, or failed without a problem of its own. */
    UPSTREAM_ERROR,
    /** The request failed below the gateway's own checks (a framework refusal or an unexpected error). */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
