package dev.sitesync.console.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A conflict on a consumer site: the owner's version of a document met a local edit the worker never overwrites. It
 * waits for a person to accept the owner's version or keep the site's own, with a reason.
 *
 * @param id the worker's ID of the conflict
 * @param document the document's name at its owner
 * @param localName its name on this site
 * @param detail the worker's account: who changed the local copy and when
 * @param fields both versions field by field, when the worker gives them; empty otherwise
 */
public record Conflict(long id, String site, String externalId, String doctype, String sourceSite, String document,
        String localName, String version, String detail, OffsetDateTime createdAt, List<FieldDifferences.Row> fields,
        OffsetDateTime resolvedAt, String resolution, String resolvedBy, String resolutionReason) {

    public static final String ACCEPT_SOURCE = "accept-source";
    public static final String KEEP_TARGET = "keep-target";

    public Conflict {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public boolean open() {
        return resolvedAt == null;
    }

    public boolean sideBySide() {
        return !fields.isEmpty();
    }

    public long differing() {
        return FieldDifferences.differing(fields);
    }

    /** A resolution a person may choose; anything else is refused before a service is asked. */
    public static boolean isResolution(String value) {
        return ACCEPT_SOURCE.equals(value) || KEEP_TARGET.equals(value);
    }
}
