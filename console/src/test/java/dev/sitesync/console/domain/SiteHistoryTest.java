package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SiteHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void throughputIsTheCountersGrowthPerMinuteBetweenSamples() {
        SiteHistory history = new SiteHistory(Duration.ofHours(6));
        history.add(new SiteHistory.Sample(T0, 100, 50, 0));
        history.add(new SiteHistory.Sample(T0.plusSeconds(30), 130, 60, 2));

        assertThat(history.throughputPerMinute()).singleElement()
                .satisfies(point -> assertThat(point.value()).isEqualTo(80.0));
    }

    @Test
    void aCounterThatWentDownCountsFromZeroAsAfterARestart() {
        SiteHistory history = new SiteHistory(Duration.ofHours(6));
        history.add(new SiteHistory.Sample(T0, 1000, 0, 0));
        history.add(new SiteHistory.Sample(T0.plusSeconds(60), 5, 0, 0));

        assertThat(history.throughputPerMinute()).singleElement()
                .satisfies(point -> assertThat(point.value()).isEqualTo(5.0));
    }

    @Test
    void theLastSuccessIsTheLastSampleWhereACounterGrew() {
        SiteHistory history = new SiteHistory(Duration.ofHours(6));
        history.add(new SiteHistory.Sample(T0, 10, 10, 0));
        assertThat(history.lastSuccess()).isEmpty();

        history.add(new SiteHistory.Sample(T0.plusSeconds(15), 10, 11, 0));
        history.add(new SiteHistory.Sample(T0.plusSeconds(30), 10, 11, 0));

        assertThat(history.lastSuccess()).contains(T0.plusSeconds(15));
    }

    @Test
    void samplesOlderThanTheWindowAreDropped() {
        SiteHistory history = new SiteHistory(Duration.ofMinutes(10));
        history.add(new SiteHistory.Sample(T0, 0, 0, 1));
        history.add(new SiteHistory.Sample(T0.plus(Duration.ofMinutes(11)), 0, 0, 2));

        assertThat(history.lagSeconds()).extracting(SiteHistory.Point::value).containsExactly(2.0);
        assertThat(history.firstSample()).contains(T0.plus(Duration.ofMinutes(11)));
    }
}
