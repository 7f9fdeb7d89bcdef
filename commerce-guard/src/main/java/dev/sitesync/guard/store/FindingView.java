package dev.sitesync.guard.store;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.sitesync.guard.domain.Sentiment;
import dev.sitesync.guard.domain.Severity;

/**
 * A stored finding as the API shows it: first and last seen, and how often.
 *
 * @param message and {@code evidence}: as the finding was first found
 * @param lastEvidence as it was last seen
 */
public record FindingView(long id, String site, String source, String rule, String subject, Sentiment sentiment,
        Severity severity, String message, Map<String, Object> evidence, Map<String, Object> lastEvidence,
        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, int timesSeen) {
}
