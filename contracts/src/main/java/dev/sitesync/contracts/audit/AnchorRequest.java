package dev.sitesync.contracts.audit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A worker's sync log head, to be kept outside the worker's own database: entry {@code lastId} has hash
 * {@code lastHash}. A later rewrite of the log, even one recomputing every hash, no longer matches it.
 *
 * @param partition the month this entry closes, when it is the last of a month sealed as an archive; else null
 */
public record AnchorRequest(@Positive long lastId, @NotNull @Pattern(regexp = HASH) String lastHash,
        @Pattern(regexp = PARTITION) String partition) {

    public static final String HASH = "[0-9a-f]{64}";
    public static final String PARTITION = "sync_log_y[0-9]{4}m[0-9]{2}";
}
