package dev.sitesync.worker.client;

/** A call to another SiteSync service failed; {@link #retryable()} says whether trying again later can help. */
public class ServiceCallException extends RuntimeException {

    private final int status;

    public ServiceCallException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came (refused connection, timeout, open circuit). */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500 || status == 401;
    }

    /**
     * The failure of {@code call} as a service call failure naming it: an answer keeps its status (and class); no
     * answer at all (a refused connection, a timeout, an open circuit breaker) is a {@link ServiceUnavailableException}.
     */
    public static ServiceCallException of(String call, Throwable failure) {
        if (failure instanceof ServiceUnavailableException unavailable) {
            return new ServiceUnavailableException(call + ": " + unavailable.getMessage(), unavailable.status());
        }
        if (failure instanceof ServiceCallException answered) {
            return new ServiceCallException(call + ": " + answered.getMessage(), answered.status());
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ServiceUnavailableException(call + ": " + reason, 0);
    }
}
