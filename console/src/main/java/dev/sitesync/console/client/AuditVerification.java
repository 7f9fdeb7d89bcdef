package dev.sitesync.console.client;

/** The walk of a worker's hash-chained sync log: rows checked and the first one altered, removed or reordered. */
public record AuditVerification(long rowsChecked, Long firstBrokenId, String problem) {

    public boolean intact() {
        return firstBrokenId == null;
    }
}
