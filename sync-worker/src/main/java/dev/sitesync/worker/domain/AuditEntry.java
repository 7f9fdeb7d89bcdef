package dev.sitesync.worker.domain;

import java.time.Instant;
import java.util.UUID;

/** One step of one change, as the sync log records it. */
public record AuditEntry(
        Instant at,
        UUID externalId,
        String sourceSite,
        String targetSite,
        String doctype,
        String localName,
        String version,
        String payloadHash,
        SyncStatus status,
        int attempt,
        String detail) {
}
