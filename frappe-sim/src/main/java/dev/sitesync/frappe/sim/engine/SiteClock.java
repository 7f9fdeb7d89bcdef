package dev.sitesync.frappe.sim.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One site's {@code frappe.utils.now()}: naive, in the zone of the site's System Settings, microsecond precision, and
 * strictly increasing, so two writes (or two documents written in the same microsecond) never share a
 * {@code modified} value by accident. Tests may set it: jump to an instant and run from there, or freeze it there
 * (each reading then adds one microsecond).
 */
public final class SiteClock {

    private final Clock system;
    private final AtomicLong lastMicros = new AtomicLong();
    private volatile ZoneId zone;
    private volatile Setting setting = Setting.SYSTEM;

    public SiteClock(Clock system, ZoneId zone) {
        this.system = system;
        this.zone = zone;
    }

    public LocalDateTime now() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant());
        long next = lastMicros.updateAndGet(last -> Math.max(last + 1, micros));
        return LocalDateTime.ofInstant(Instant.EPOCH.plus(next, ChronoUnit.MICROS), zone);
    }

    /** The instant this site believes it is, without taking a reading. */
    public Instant instant() {
        Setting current = setting;
        if (current == Setting.SYSTEM) {
            return system.instant();
        }
        return current.frozen() ? current.at() : current.at().plus(Duration.between(current.setAt(), system.instant()));
    }

    public ZoneId zone() {
        return zone;
    }

    public void zone(ZoneId newZone) {
        this.zone = newZone;
    }

    public boolean frozen() {
        return setting.frozen();
    }

    public boolean set() {
        return setting != Setting.SYSTEM;
    }

    /**
     * Jumps to {@code at}, running from there or frozen. Readings may go back in time here, on purpose: a site whose
     * clock was set back writes older {@code modified} values too.
     */
    public void setTo(Instant at, boolean frozen) {
        setting = new Setting(at, system.instant(), frozen);
        lastMicros.set(0);
    }

    /** Back to the machine's clock; like any jump, readings may go back in time. */
    public void reset() {
        setting = Setting.SYSTEM;
        lastMicros.set(0);
    }

    private record Setting(Instant at, Instant setAt, boolean frozen) {

        static final Setting SYSTEM = new Setting(Instant.EPOCH, Instant.EPOCH, false);
    }
}
