package dev.sitesync.guard.store;

import java.time.OffsetDateTime;

/**
 * Which findings to list, newest first. Null filters match everything.
 *
 * @param before list only findings with a smaller ID (the {@code next} of the previous page)
 */
public record FindingQuery(String site, String rule, String source, String severity, OffsetDateTime seenSince,
        Long before, int limit) {
}
