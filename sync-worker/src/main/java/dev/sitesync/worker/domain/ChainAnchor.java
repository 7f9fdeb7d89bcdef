package dev.sitesync.worker.domain;

import java.time.Instant;

/**
 * A chain head recorded outside this worker's database: entry {@code lastId} had {@code hash} when it was anchored.
 * Whoever rewrites the log, recomputing every hash, cannot change what was anchored.
 */
public record ChainAnchor(long lastId, String hash, Instant anchoredAt) {
}
