package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LaneBackoffTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final LaneBackoff backoff = new LaneBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void aFailingLaneWaitsWhileTheOthersRun() {
        Duration wait = backoff.failed("poll:Item", NOW);

        assertThat(backoff.ready("poll:Item", NOW)).isFalse();
        assertThat(backoff.ready("poll:Item", NOW.plus(wait))).isTrue();
        assertThat(backoff.ready("poll:Customer", NOW)).isTrue();
        assertThat(backoff.ready("events:Item", NOW)).isTrue();
    }

    @Test
    void eachFailureInARowWaitsLongerUpToTheCeiling() {
        Duration first = backoff.failed("poll:Item", NOW);
        Duration fourth = null;
        for (int i = 0; i < 3; i++) {
            fourth = backoff.failed("poll:Item", NOW);
        }
        Duration late = null;
        for (int i = 0; i < 30; i++) {
            late = backoff.failed("poll:Item", NOW);
        }

        assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(fourth).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(late).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
        assertThat(backoff.failures("poll:Item")).isEqualTo(34);
    }

    @Test
    void oneSuccessClearsTheLane() {
        backoff.failed("poll:Item", NOW);

        backoff.succeeded("poll:Item");

        assertThat(backoff.ready("poll:Item", NOW)).isTrue();
        assertThat(backoff.failures("poll:Item")).isZero();
        assertThat(backoff.nextAttempt("poll:Item")).isEmpty();
    }
}
