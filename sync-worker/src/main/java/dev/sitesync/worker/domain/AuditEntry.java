package dev.sitesync.worker.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of one change, as the sync log records it.
 *
 * @param traceId the W3C trace ID of the work this step belongs to, when it was traced
 */
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
        String detail,
        String traceId) {

    /** A step outside any trace. */
    public AuditEntry(Instant at, UUID externalId, String sourceSite, String targetSite, String doctype,
            String localName, String version, String payloadHash, SyncStatus status, int attempt, String detail) {
        this(at, externalId, sourceSite, targetSite, doctype, localName, version, payloadHash, status, attempt, detail,
                null);
    }

    /** The same step, in the trace of this W3C {@code traceparent} (none when it is null). */
    public AuditEntry inTrace(String traceparent) {
        return new AuditEntry(at, externalId, sourceSite, targetSite, doctype, localName, version, payloadHash, status,
                attempt, detail, Traceparent.traceId(traceparent));
    }
}
