package dev.sitesync.frappe.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failed call to a Frappe site, classified by {@link #kind()}. Built from the site's error envelope
 * ({@code exc_type}, {@code _server_messages}), an HTML error page, or a transport failure. The message names the
 * method, path and status, never credentials.
 */
public class FrappeException extends RuntimeException {

    private final FrappeErrorKind kind;
    private final int status;
    private final String excType;
    private final List<ServerMessage> serverMessages;
    private final Duration retryAfter;

    public FrappeException(FrappeErrorKind kind, int status, String excType, List<ServerMessage> serverMessages,
            Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.excType = excType;
        this.serverMessages = List.copyOf(serverMessages);
        this.retryAfter = retryAfter;
    }

    public FrappeErrorKind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** Frappe's exception class name, e.g. {@code DoesNotExistError}; empty when the site sent none (v13/v14). */
    public Optional<String> excType() {
        return Optional.ofNullable(excType);
    }

    public List<ServerMessage> serverMessages() {
        return serverMessages;
    }

    /** How long a rate-limited caller should wait, from {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
