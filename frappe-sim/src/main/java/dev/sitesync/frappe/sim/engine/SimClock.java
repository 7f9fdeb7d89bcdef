package dev.sitesync.frappe.sim.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The site's {@code frappe.utils.now()}: naive, in the site's zone, microsecond precision, and strictly increasing
 * across the process, so two writes of one document (or two documents written in the same microsecond) never share
 * a {@code modified} value by accident.
 */
public final class SimClock {

    private final Clock clock;
    private final ZoneId zone;
    private final AtomicLong lastMicros = new AtomicLong();

    public SimClock(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDateTime now() {
        Instant instant = clock.instant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        long next = lastMicros.updateAndGet(last -> Math.max(last + 1, micros));
        return LocalDateTime.ofInstant(Instant.EPOCH.plus(next, ChronoUnit.MICROS), zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
