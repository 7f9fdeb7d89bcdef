package dev.sitesync.ownership.api;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One policy revision.
 *
 * @param diff the changes from the previous revision: path, kind (ADDED, REMOVED, CHANGED), before, after
 * @param document the YAML; only when one revision is asked for
 */
public record RevisionView(int version, String author, String reason, OffsetDateTime createdAt, JsonNode diff,
        String document) {
}
