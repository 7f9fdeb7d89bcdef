package dev.sitesync.worker.client;

/**
 * The service gave no useful answer: none at all, 429 or a 5xx. Trying again later can help, so the REST clients
 * retry idempotent reads on it and their circuit breakers count it.
 */
public class ServiceUnavailableException extends ServiceCallException {

    public ServiceUnavailableException(String message, int status) {
        super(message, status);
    }
}
