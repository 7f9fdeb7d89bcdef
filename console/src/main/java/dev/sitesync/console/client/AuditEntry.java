package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step of one change in a worker's sync log, as {@code GET /ops/v1/audit/entries} answers it: what happened to
 * which document between which sites, when and why, and the entry's hash in the chain.
 *
 * @param at when the step happened; {@code loggedAt} when the worker wrote it down
 * @param detail the step's why: ERPNext's message, or who decided and their reason
 */
public record AuditEntry(long id, OffsetDateTime at, OffsetDateTime loggedAt, UUID externalId, String sourceSite,
        String targetSite, String doctype, String localName, String version, String status, int attempt,
        String detail, String traceId, String rowHash) {

    /** The first characters of the entry's hash: enough to compare with an export by eye. */
    public String shortHash() {
        return rowHash == null ? "" : rowHash.substring(0, Math.min(12, rowHash.length()));
    }
}
