package dev.sitesync.ownership.api;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The policy in force.
 *
 * @param document the YAML as applied
 * @param policy the same document as JSON, for clients without a YAML parser
 */
public record PolicyView(int version, String author, String reason, OffsetDateTime createdAt, String document,
        JsonNode policy) {
}
