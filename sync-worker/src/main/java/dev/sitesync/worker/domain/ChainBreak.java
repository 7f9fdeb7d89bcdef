package dev.sitesync.worker.domain;

/**
 * Where the sync log stops being trustworthy: the first entry that failed verification or that no anchor proves any
 * more, the partition holding it (null for an entry that is gone), and why.
 */
public record ChainBreak(long id, String partition, String problem) {
}
