package dev.sitesync.worker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failure recovery per lane (one doctype of one way of capturing): a lane that fails waits before it is tried again,
 * exponentially longer with jitter up to a ceiling, while the other lanes go on; one success clears it.
 */
public final class LaneBackoff {

    private record Failing(int failures, Instant nextAttempt) {
    }

    private final Duration first;
    private final Duration max;
    private final Map<String, Failing> lanes = new ConcurrentHashMap<>();

    public LaneBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** Whether the lane may run now. */
    public boolean ready(String lane, Instant now) {
        Failing failing = lanes.get(lane);
        return failing == null || !now.isBefore(failing.nextAttempt());
    }

    /** Records a failure; answers how long the lane now waits. */
    public Duration failed(String lane, Instant now) {
        int failures = lanes.containsKey(lane) ? lanes.get(lane).failures() + 1 : 1;
        Duration delay = Backoff.delay(failures, first, max);
        lanes.put(lane, new Failing(failures, now.plus(delay)));
        return delay;
    }

    public void succeeded(String lane) {
        lanes.remove(lane);
    }

    /** Failures in a row so far (0 for a healthy lane). */
    public int failures(String lane) {
        Failing failing = lanes.get(lane);
        return failing == null ? 0 : failing.failures();
    }

    /** When a failing lane is tried again. */
    public Optional<Instant> nextAttempt(String lane) {
        return Optional.ofNullable(lanes.get(lane)).map(Failing::nextAttempt);
    }
}
