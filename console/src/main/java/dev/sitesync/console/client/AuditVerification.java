package dev.sitesync.console.client;

import java.time.OffsetDateTime;

/**
 * A walk of a worker's hash-chained sync log against the heads anchored with ownership-service.
 *
 * @param fromId the anchored entry the walk resumed at; 0 when it walked the whole log
 * @param lastId the last entry that verified, with its {@code lastHash}: a head an auditor may keep
 * @param anchorsMatched anchored heads the log still matches
 * @param anchors null when the anchors were compared; else why they could not be (then the walk proves only that the
 *        chain holds together, not that it was never rewritten whole)
 * @param firstBrokenId null when intact; else the first entry that fails or that no anchor proves any more, in
 *        {@code partition}, with the {@code problem}
 */
public record AuditVerification(long fromId, long rowsChecked, long lastId, String lastHash, int anchorsMatched, String anchors,
        Long firstBrokenId, String partition, String problem, OffsetDateTime verifiedAt, long millis) {

    public boolean intact() {
        return firstBrokenId == null;
    }
}
