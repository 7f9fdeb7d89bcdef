package dev.sitesync.console.domain;

/**
 * Why a service did not answer what a page asked for: it refused (with its own problem type and detail, shown to the
 * person as the service wrote it), it has no such endpoint yet, or it could not be reached.
 *
 * @param service which service, for the person: "the worker of north", "ownership-service"
 * @param status the HTTP status, 0 when nothing answered, 2xx when it answered in a form the console cannot read
 * @param type the problem type URI the service answered with, or null
 * @param detail the service's own words, or what the console knows
 */
public record ServiceFailure(String service, int status, String type, String detail) {

    public enum Kind {
        /** Nothing answered, or it answered 5xx: try again later. */
        UNAVAILABLE,
        /** The person's token was refused: sign in again. */
        SIGNED_OUT,
        /** The person lacks the role: the service decides who may do what, not the console. */
        FORBIDDEN,
        /** The service has no such endpoint: an older version of it. */
        NOT_OFFERED,
        /** Any other refusal: bad input, already decided by someone else, not found. */
        REFUSED,
        /** The service answered, but not in a form this console reads: the two are of versions that do not fit. */
        UNREADABLE
    }

    /** The service answered, but its answer could not be read as the console expected ({@code why}: the parser's). */
    public static ServiceFailure unreadable(String service, String why) {
        return new ServiceFailure(service, 200, null, why);
    }

    public Kind kind() {
        if (status == 0 || status >= 500) {
            return Kind.UNAVAILABLE;
        }
        if (status < 300) {
            return Kind.UNREADABLE;
        }
        return switch (status) {
            case 401 -> Kind.SIGNED_OUT;
            case 403 -> Kind.FORBIDDEN;
            case 404, 405 -> endpointMissing() ? Kind.NOT_OFFERED : Kind.REFUSED;
            default -> Kind.REFUSED;
        };
    }

    /**
     * A 404 of the endpoint itself rather than of one resource the service looked for: the service is a version without
     * that API. The framework says so in its own words: "Nothing at ..." for an unknown path, RESTEasy's "Unable to find
     * matching target resource method" for an unknown path below a known resource class.
     */
    private boolean endpointMissing() {
        return status == 405 || detail == null || type == null || detail.startsWith("Nothing at ")
                || detail.startsWith("Unable to find matching target resource method");
    }

    /** An API the service does not have yet: information for the person, not a warning. */
    public boolean notOffered() {
        return kind() == Kind.NOT_OFFERED;
    }

    /** One sentence for the page: what happened and what to do. */
    public String message() {
        return switch (kind()) {
            case UNAVAILABLE -> service + " is not answering" + (status == 0 ? "" : " (HTTP " + status + ")")
                    + (detail == null ? "" : ": " + detail) + ". Try again in a moment; the runbooks say what to check.";
            case SIGNED_OUT -> service + " no longer accepts your sign-in. Sign in again.";
            case FORBIDDEN -> service + " refused: " + (detail == null ? "your roles do not allow this." : detail);
            case NOT_OFFERED -> service + " does not offer this yet (an older version); it appears here once the "
                    + "service is upgraded.";
            case REFUSED -> service + " refused: " + (detail == null ? "HTTP " + status : detail);
            case UNREADABLE -> service + " answered in a form this console does not read" + (detail == null
                    ? ""
                    : " (" + detail + ")") + ". The console and the service are of versions that do not fit: upgrade "
                    + "the console.";
        };
    }
}
