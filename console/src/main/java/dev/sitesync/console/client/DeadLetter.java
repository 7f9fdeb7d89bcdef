package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An envelope a site's worker could not apply, as {@code GET /ops/v1/dead-letters} lists it. A conflict (a local edit
 * the worker never overwrites) is one with the reason {@link #CONFLICT}.
 */
public record DeadLetter(long id, UUID externalId, String doctype, String reason, String detail, String sourceSite,
        String sourceName, String localName, String version, OffsetDateTime createdAt, OffsetDateTime resolvedAt,
        String resolution, String resolvedBy, String resolutionReason) {

    public static final String CONFLICT = "CONCURRENT_UPDATE";

    public boolean open() {
        return resolvedAt == null;
    }
}
