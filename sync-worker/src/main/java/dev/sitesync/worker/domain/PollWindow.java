package dev.sitesync.worker.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.KeysetCursor;

/**
 * What one incremental poll of a doctype reads: rows after {@code after} in {@code (modified, name)} order, and only
 * those modified before {@code before}. The start reaches back the overlap behind the checkpoint, for rows committed
 * late with an earlier {@code modified}, never before where capture began; the end stays the overlap behind the
 * site's now, so the checkpoint never passes a point where rows may still be committing, and a row dated in the
 * future waits until its time comes instead of carrying the checkpoint past every later change.
 *
 * @param after the cursor to read after (null: from the beginning)
 * @param before the naive site datetime rows must be older than
 */
public record PollWindow(KeysetCursor after, String before) {

    /** A cursor's {@code modified} that means "from the very beginning". */
    public static final String BEGINNING = "1970-01-01 00:00:00";

    /**
     * @param checkpoint where the last poll stopped (null: from the beginning)
     * @param floor where capture of the doctype began; the window never reaches back before it
     * @param savedAt when that checkpoint was saved
     * @param now the site's now, as an instant
     */
    public static PollWindow of(KeysetCursor checkpoint, KeysetCursor floor, Instant savedAt, Instant now, ZoneId zone,
            Duration overlap) {
        String before = FrappeDateTimes.format(now.minus(overlap), zone);
        if (checkpoint == null || checkpoint.modified().equals(BEGINNING)) {
            return new PollWindow(checkpoint, before);
        }
        LocalDateTime start = FrappeDateTimes.parse(checkpoint.modified()).minus(overlap);
        ZoneOffsetTransition fallBack = lastFallBack(zone, savedAt.minus(overlap), now);
        if (fallBack != null && fallBack.getDateTimeAfter().minus(overlap).isBefore(start)) {
            // the site's naive clock went back past the checkpoint: the repeated hour's rows sort before it
            start = fallBack.getDateTimeAfter().minus(overlap);
        }
        if (floor != null && !floor.modified().equals(BEGINNING) && start.isBefore(FrappeDateTimes.parse(floor.modified()))) {
            return new PollWindow(floor, before);
        }
        return new PollWindow(new KeysetCursor(FrappeDateTimes.format(start), ""), before);
    }

    /** The last transition in {@code (from, to]} that turned the zone's clocks back, or null. */
    private static ZoneOffsetTransition lastFallBack(ZoneId zone, Instant from, Instant to) {
        ZoneOffsetTransition found = null;
        ZoneOffsetTransition next = zone.getRules().nextTransition(from);
        while (next != null && !next.getInstant().isAfter(to)) {
            if (next.isOverlap()) {
                found = next;
            }
            next = zone.getRules().nextTransition(next.getInstant());
        }
        return found;
    }
}
