package dev.sitesync.worker.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with equal jitter (half fixed, half random), so retries of many documents spread out. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration delay(int attempt, Duration first, Duration max) {
        long bounded = ceiling(attempt, first, max).toMillis();
        return Duration.ofMillis(bounded / 2 + ThreadLocalRandom.current().nextLong(bounded / 2 + 1));
    }

    /** {@code first} doubled per attempt after the first, never more than {@code max}; no jitter. */
    public static Duration ceiling(int attempt, Duration first, Duration max) {
        long doubled = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(Math.max(doubled, 1), max.toMillis()));
    }
}
