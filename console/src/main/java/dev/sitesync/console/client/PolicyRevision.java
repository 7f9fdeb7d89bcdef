package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One revision of the ownership policy: who applied it, why and when, its changes from the one before and, when one
 * revision (or the current one) is asked for, its YAML.
 */
public record PolicyRevision(int version, String author, String reason, OffsetDateTime createdAt, List<Change> diff,
        String document) {

    public PolicyRevision {
        diff = diff == null ? List.of() : diff;
    }

    /** One change: the path in the document, ADDED, REMOVED or CHANGED, and the values before and after. */
    public record Change(String path, String kind, Object before, Object after) {
    }
}
