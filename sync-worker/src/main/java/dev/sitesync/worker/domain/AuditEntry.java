package dev.sitesync.worker.domain;

import java.time.Instant;
import java.util.UUID;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.contracts.sync.Traceparent;

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

    /** A step of applying an envelope on {@code site}, in the envelope's trace. */
    public static AuditEntry onTarget(ChangeEnvelope envelope, String site, String localName, SyncStatus status,
            int attempt, String detail) {
        return new AuditEntry(Instant.now(), envelope.externalId(), envelope.sourceSite(), site, envelope.doctype(),
                localName, envelope.version(), envelope.contentHash(), status, attempt, detail)
                .inTrace(envelope.traceparent());
    }

    /** Source: the envelope was queued for its consumer, in the trace it carries. */
    public static AuditEntry queued(ChangeEnvelope envelope, Instant at, String detail) {
        return new AuditEntry(at, envelope.externalId(), envelope.sourceSite(), envelope.targetSite(),
                envelope.doctype(), envelope.sourceName(), envelope.version(), envelope.contentHash(), SyncStatus.QUEUED,
                0, detail).inTrace(envelope.traceparent());
    }

    /**
     * Source: a document of this site was not sent, and why ({@link SyncStatus#REFUSED},
     * {@link SyncStatus#OWNERSHIP_VIOLATION}, or {@link SyncStatus#DEAD_LETTER} for one that cannot be captured).
     */
    public static AuditEntry refused(Instant at, String site, String doctype, String name, String version,
            SyncStatus status, String detail) {
        return new AuditEntry(at, null, site, null, doctype, name, version, null, status, 0, detail);
    }

    /** The same step, in the trace of this W3C {@code traceparent} (none when it is null). */
    public AuditEntry inTrace(String traceparent) {
        return new AuditEntry(at, externalId, sourceSite, targetSite, doctype, localName, version, payloadHash, status,
                attempt, detail, Traceparent.traceId(traceparent));
    }
}
