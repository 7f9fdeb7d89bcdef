package dev.sitesync.worker.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with equal jitter (half fixed, half random), so retries of many documents spread out. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration delay(int attempt, Duration first, Duration max) {
        long ceiling = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long bounded = Math.min(Math.max(ceiling, 1), max.toMillis());
        return Duration.ofMillis(bounded / 2 + ThreadLocalRandom.current().nextLong(bounded / 2 + 1));
    }
}
