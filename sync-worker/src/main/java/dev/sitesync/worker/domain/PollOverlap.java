package dev.sitesync.worker.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How far one doctype's poll reads back behind its checkpoint. It starts at the configured overlap; when the poll
 * finds a row committed later than that (one the previous poll passed before it was visible), the overlap widens to
 * twice that lateness, never beyond the maximum, and stays wide for a while before it falls back. Not thread-safe:
 * one doctype is polled by one lane at a time.
 */
public final class PollOverlap {

    private final Duration base;
    private final Duration max;
    private final Duration hold;
    private Duration widened;
    private Instant widenedUntil = Instant.MIN;

    public PollOverlap(Duration base, Duration max, Duration hold) {
        this.base = base;
        this.max = max.compareTo(base) < 0 ? base : max;
        this.hold = hold;
        this.widened = base;
    }

    public Duration current(Instant now) {
        return now.isBefore(widenedUntil) ? widened : base;
    }

    /**
     * A row was found committed at least {@code lateness} after its {@code modified}; answers whether that widened
     * the overlap.
     */
    public boolean lateRow(Duration lateness, Instant now) {
        Duration current = current(now);
        if (lateness.compareTo(current.dividedBy(2)) <= 0) {
            return false;
        }
        Duration wanted = lateness.multipliedBy(2);
        widened = wanted.compareTo(max) > 0 ? max : wanted.compareTo(current) < 0 ? current : wanted;
        widenedUntil = now.plus(hold);
        return widened.compareTo(current) > 0;
    }
}
