package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A conflict as a worker's {@code GET /ops/v1/conflicts} lists it: the owner's version that could not be written, the
 * copy as it was edited on this site (its fields the owner sends), the fields that differ, who changed the copy, and
 * what a person decided.
 *
 * @param status OPEN, ACCEPTED_SOURCE or KEPT_TARGET
 */
public record ConflictView(long id, UUID externalId, String doctype, String sourceSite, String sourceName,
        String localName, String sourceVersion, String sourceHash, OffsetDateTime sourceChangedAt,
        JsonNode sourceDocument, String targetHash, String targetModified, String targetModifiedBy,
        JsonNode targetDocument, List<Difference> differences, String detectedBy, String status,
        OffsetDateTime createdAt, OffsetDateTime resolvedAt, String resolvedBy, String resolutionReason) {

    public static final String OPEN = "OPEN";

    public ConflictView {
        differences = differences == null ? List.of() : differences;
    }

    /** One field where the copy differs from the owner's version, as the worker compared them. */
    public record Difference(String field, JsonNode source, JsonNode target) {
    }
}
