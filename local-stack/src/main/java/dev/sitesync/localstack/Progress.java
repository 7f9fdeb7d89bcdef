package dev.sitesync.localstack;

import java.time.Duration;

/** One line per step, so a newcomer sees what the launcher is doing and how long it takes. */
public final class Progress {

    private final long startedAt = System.nanoTime();

    public void step(String what) {
        System.out.printf("[%5.1fs] %s%n", elapsed().toMillis() / 1000.0, what);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }
}
