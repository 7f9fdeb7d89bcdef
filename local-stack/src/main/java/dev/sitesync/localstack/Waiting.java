package dev.sitesync.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something to become true, as a person would refresh a page; never longer than the patience given. */
final class Waiting {

    private Waiting() {
    }

    /** True as soon as the condition holds, false when the patience runs out first. Failures count as "not yet". */
    static boolean until(BooleanSupplier condition, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not there yet, or the site is busy: look again
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause(Duration.ofMillis(500));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted.");
        }
    }
}
