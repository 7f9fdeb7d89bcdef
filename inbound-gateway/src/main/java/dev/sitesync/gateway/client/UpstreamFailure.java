package dev.sitesync.gateway.client;

/**
 * A service behind the gateway did not answer as expected. The message is for the gateway's log (it may name the
 * service); callers only ever see neutral wording.
 */
public final class UpstreamFailure extends RuntimeException {

    public UpstreamFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    public UpstreamFailure(String message) {
        this(message, null);
    }
}
