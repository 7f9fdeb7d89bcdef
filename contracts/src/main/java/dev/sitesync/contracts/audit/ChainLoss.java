package dev.sitesync.contracts.audit;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Entries of a worker's sync log lost for good, acknowledged by a sync admin: its database was restored from a backup
 * that ends at entry {@code afterId}, so the entries anchored after it, through {@code throughId}, are gone. The
 * anchors stay; verification stops expecting those entries and the chain goes on from {@code afterId}.
 */
public record ChainLoss(String site, long afterId, long throughId, String reason, String acknowledgedBy,
        OffsetDateTime acknowledgedAt) {

    /** What a sync admin states: the restored log's last entry, and why. */
    public record Acknowledgement(@PositiveOrZero long afterId, @NotBlank @Size(max = 1000) String reason) {
    }
}
