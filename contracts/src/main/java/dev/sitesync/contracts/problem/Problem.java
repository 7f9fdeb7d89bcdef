package dev.sitesync.contracts.problem;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the one error body every SiteSync service answers with.
 *
 * @param type stable URI naming the kind of problem; clients branch on it, never on the wording
 * @param title short summary of the problem type
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence and what to do about it
 * @param instance the request path the problem occurred on
 * @param requestId the request ID to quote when reporting the problem
 * @param violations for invalid input: each offending field and why
 */
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field of a request, named by its path (e.g. {@code items[3].site}). */
    public record Violation(String field, String message) {
    }
}
