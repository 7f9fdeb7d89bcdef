package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PollOverlapTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final PollOverlap overlap = new PollOverlap(Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofHours(1));

    @Test
    void itStartsAtTheConfiguredOverlap() {
        assertThat(overlap.current(NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRowCommittedLaterThanTheOverlapWidensItToTwiceThatLatenessForAWhile() {
        boolean widened = overlap.lateRow(Duration.ofSeconds(7), NOW);

        assertThat(widened).isTrue();
        assertThat(overlap.current(NOW.plusSeconds(60))).isEqualTo(Duration.ofSeconds(14));
        assertThat(overlap.current(NOW.plus(Duration.ofMinutes(61)))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theOverlapNeverWidensBeyondItsMaximum() {
        overlap.lateRow(Duration.ofHours(3), NOW);

        assertThat(overlap.current(NOW)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aLaterSmallerLatenessDoesNotNarrowAWidenedOverlap() {
        overlap.lateRow(Duration.ofSeconds(30), NOW);

        boolean widened = overlap.lateRow(Duration.ofSeconds(31), NOW.plusSeconds(10));

        assertThat(widened).isTrue();
        assertThat(overlap.current(NOW.plusSeconds(20))).isEqualTo(Duration.ofSeconds(62));
        assertThat(overlap.lateRow(Duration.ofSeconds(20), NOW.plusSeconds(30))).isFalse();
        assertThat(overlap.current(NOW.plusSeconds(40))).isEqualTo(Duration.ofSeconds(62));
    }

    @Test
    void aRowWellWithinTheOverlapChangesNothing() {
        assertThat(overlap.lateRow(Duration.ofMillis(800), NOW)).isFalse();
        assertThat(overlap.current(NOW)).isEqualTo(Duration.ofSeconds(2));
    }
}
