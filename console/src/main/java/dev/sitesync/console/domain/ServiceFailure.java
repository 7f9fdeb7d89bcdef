package dev.sitesync.console.domain;

/**
 * Why a service did not answer what a page asked for: it refused (with its own problem type and detail, shown to the
 * person as the service wrote it), it has no such endpoint yet, or it could not be reached.
 *
 * @param service which service, for the person: "the worker of north", "ownership-service"
 * @param status the HTTP status, 0 when nothing answered
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
        REFUSED
    }

    public Kind kind() {
        if (status == 0 || status >= 500) {
            return Kind.UNAVAILABLE;
        }
        return switch (status) {
            case 401 -> Kind.SIGNED_OUT;
            case 403 -> Kind.FORBIDDEN;
            case 404, 405 -> endpointMissing() ? Kind.NOT_OFFERED : Kind.REFUSED;
            default -> Kind.REFUSED;
        };
    }

    /**
     * A 404 of the endpoint itself (the framework's "Nothing at ...") rather than of one resource the service looked
     * for: the service is a version without that API.
     */
    private boolean endpointMissing() {
        return status == 405 || detail == null || detail.startsWith("Nothing at ") || type == null;
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
        };
    }
}
