package dev.sitesync.worker.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/** The worker's clock in tests: the system's, until a test sets the time it wants. */
@Singleton
public class SettableClock extends Clock {

    private volatile Instant fixed;

    /** From now on the clock reads {@code at}; null hands it back to the system's. */
    public void set(Instant at) {
        fixed = at;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the worker reads instants only");
    }
}
