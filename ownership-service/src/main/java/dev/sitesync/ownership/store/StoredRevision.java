package dev.sitesync.ownership.store;

import java.time.OffsetDateTime;

/**
 * A policy revision as stored.
 *
 * @param document the YAML; null when listing revisions
 * @param diff the changes from the previous revision, as JSON
 * @param fileSha256 set when the revision was loaded from the policy file
 */
public record StoredRevision(int version, String author, String reason, OffsetDateTime createdAt, String document,
        String diff, String fileSha256) {
}
