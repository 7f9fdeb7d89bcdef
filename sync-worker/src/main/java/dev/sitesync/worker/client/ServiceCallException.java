package dev.sitesync.worker.client;

/** A call to another SiteSync service failed; {@link #retryable()} says whether trying again later can help. */
public class ServiceCallException extends RuntimeException {

    private final int status;

    public ServiceCallException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came (refused connection, timeout). */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500 || status == 401;
    }
}
