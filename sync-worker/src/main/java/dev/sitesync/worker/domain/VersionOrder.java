package dev.sitesync.worker.domain;

import java.time.OffsetDateTime;
import java.util.Comparator;

import dev.sitesync.frappe.client.FrappeDateTimes;

/**
 * Which of two versions of a document is newer. A source's own versions are ordered by its capture sequence, which
 * holds where {@code modified} does not (a DST fall-back hour repeats naive times, a late commit carries an older
 * one); versions from different sources (after an ownership transfer) by the instant each source recorded; versions
 * from senders without either, by {@code modified} as before.
 *
 * @param modified the source's {@code modified}, as the envelope's version names it
 */
public record VersionOrder(String sourceSite, Long sequence, OffsetDateTime changedAt, String modified) {

    /** Oldest first. */
    public static final Comparator<VersionOrder> OLDEST_FIRST = VersionOrder::compare;

    private static int compare(VersionOrder a, VersionOrder b) {
        if (a.sequence != null && b.sequence != null && a.sourceSite.equals(b.sourceSite)) {
            return Long.compare(a.sequence, b.sequence);
        }
        if (a.changedAt != null && b.changedAt != null && !a.changedAt.isEqual(b.changedAt)) {
            return a.changedAt.compareTo(b.changedAt);
        }
        return FrappeDateTimes.parse(a.modified).compareTo(FrappeDateTimes.parse(b.modified));
    }

    /** Whether this version is strictly older than {@code applied} (nothing is older than no version). */
    public boolean isOlderThan(VersionOrder applied) {
        return applied != null && applied.modified != null && compare(this, applied) < 0;
    }

    /** Whether this is the very version applied (same source and sequence, or same modified without them). */
    public boolean sameAs(VersionOrder applied) {
        return applied != null && compare(this, applied) == 0;
    }
}
