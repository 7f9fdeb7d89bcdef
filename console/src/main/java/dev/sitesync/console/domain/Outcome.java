package dev.sitesync.console.domain;

/**
 * What became of a person's action, shown at the top of the page it returns to: done (in the service's words) or
 * refused (with the service's reason and what to do).
 */
public record Outcome(boolean done, String message, int status) {

    public static Outcome done(String message) {
        return new Outcome(true, message, 200);
    }

    public static Outcome refused(ServiceFailure failure) {
        return new Outcome(false, failure.message(), failure.status() == 0 ? 503 : failure.status());
    }

    public static Outcome refused(String message, int status) {
        return new Outcome(false, message, status);
    }
}
