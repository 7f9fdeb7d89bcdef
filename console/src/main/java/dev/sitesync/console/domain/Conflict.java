package dev.sitesync.console.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A conflict on a consumer site, as a page shows it: the owner's version of a document met an edit of the copy on
 * this site, which the worker never overwrites. It waits for a person to accept the owner's version or keep the site's
 * own, with a reason.
 *
 * @param document the document's name at its owner
 * @param changedBy who changed the copy on this site, and {@code changedAt} when (the copy's modified)
 * @param fields both versions field by field, differing ones first
 * @param status OPEN, ACCEPTED_SOURCE or KEPT_TARGET
 */
public record Conflict(long id, String site, String externalId, String doctype, String sourceSite, String document,
        String localName, String sourceVersion, String changedBy, String changedAt, OffsetDateTime createdAt,
        List<FieldDifferences.Row> fields, String status, OffsetDateTime resolvedAt, String resolvedBy,
        String resolutionReason) {

    public static final String ACCEPT_SOURCE = "accept-source";
    public static final String KEEP_TARGET = "keep-target";

    public Conflict {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public long differing() {
        return FieldDifferences.differing(fields);
    }

    /** The decision in a person's words. */
    public String decision() {
        return switch (status == null ? "" : status) {
            case "ACCEPTED_SOURCE" -> "accepted the owner's version";
            case "KEPT_TARGET" -> "kept this site's version";
            default -> "open";
        };
    }

    /** A resolution a person may choose; anything else is refused before a service is asked. */
    public static boolean isResolution(String value) {
        return ACCEPT_SOURCE.equals(value) || KEEP_TARGET.equals(value);
    }
}
