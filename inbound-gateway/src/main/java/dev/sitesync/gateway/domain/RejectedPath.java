package dev.sitesync.gateway.domain;

/** A request path the gateway refuses to interpret; the message says why, in words safe to show the caller. */
public final class RejectedPath extends RuntimeException {

    public RejectedPath(String reason) {
        super(reason, null, false, false);
    }
}
