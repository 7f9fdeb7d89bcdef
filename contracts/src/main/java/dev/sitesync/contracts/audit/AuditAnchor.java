package dev.sitesync.contracts.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An anchored sync log head of one site's worker, as ownership-service keeps it: append-only, never going back.
 *
 * @param anchoredBy the client whose token anchored it (the site's worker)
 * @param anchoredAt when ownership-service recorded it, by its own clock
 * @param lost the entry was lost for good with a restored database, as a sync admin acknowledged ({@link ChainLoss});
 *        verification no longer expects it
 */
public record AuditAnchor(String site, long lastId, String lastHash, String partition, String anchoredBy,
        OffsetDateTime anchoredAt, boolean lost) {

    /** A page of anchors in ascending {@code lastId}; {@code next} is the following page's {@code after}, or null. */
    public record Page(List<AuditAnchor> items, Long next) {
    }
}
