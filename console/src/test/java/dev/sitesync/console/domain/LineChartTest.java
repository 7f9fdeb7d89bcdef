package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineChartTest {

    private static final Instant END = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void pointsAreScaledIntoTheBoxWithThePeakAtTheTop() {
        List<SiteHistory.Point> series = List.of(new SiteHistory.Point(END.minus(Duration.ofHours(1)), 0),
                new SiteHistory.Point(END.minus(Duration.ofMinutes(30)), 10), new SiteHistory.Point(END, 5));

        LineChart chart = LineChart.of("Lag of north", "s", series, END, Duration.ofHours(1));

        assertThat(chart.points()).isEqualTo("0.0,78.0 160.0,2.0 320.0,40.0");
        assertThat(chart.peak()).isEqualTo(10.0);
        assertThat(chart.latest()).isEqualTo(5.0);
        assertThat(chart.summary()).isEqualTo("Lag of north over the last 1 h: latest 5 s, peak 10 s (3 readings).");
    }

    @Test
    void pointsBeforeTheWindowAreLeftOutAndAnEmptySeriesSaysSo() {
        LineChart chart = LineChart.of("Throughput of south", "changes/min",
                List.of(new SiteHistory.Point(END.minus(Duration.ofHours(7)), 3)), END, Duration.ofHours(6));

        assertThat(chart.empty()).isTrue();
        assertThat(chart.summary()).isEqualTo("Throughput of south: no readings yet in the last 6 h.");
    }

    @Test
    void aFlatZeroSeriesStaysOnTheBaseline() {
        LineChart chart = LineChart.of("Lag", "s", List.of(new SiteHistory.Point(END, 0)), END, Duration.ofMinutes(90));

        assertThat(chart.points()).isEqualTo("320.0,78.0");
        assertThat(chart.summary()).contains("last 90 min");
    }
}
