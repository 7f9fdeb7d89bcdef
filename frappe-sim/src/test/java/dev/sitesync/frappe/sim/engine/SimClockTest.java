package dev.sitesync.frappe.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SimClockTest {

    @Test
    void givenAClockThatStandsStillWhenAskedTwiceThenTheSecondTimeIsOneMicrosecondLater() {
        SimClock clock = new SimClock(Clock.fixed(Instant.parse("2024-01-05T10:11:12Z"), ZoneOffset.UTC),
                ZoneId.of("UTC"));

        LocalDateTime first = clock.now();
        LocalDateTime second = clock.now();

        assertThat(Timestamps.format(first)).isEqualTo("2024-01-05 10:11:12");
        assertThat(Timestamps.format(second)).isEqualTo("2024-01-05 10:11:12.000001");
    }

    @Test
    void timesAreNaiveInTheSitesZone() {
        SimClock clock = new SimClock(Clock.fixed(Instant.parse("2024-01-05T04:41:12.5Z"), ZoneOffset.UTC),
                ZoneId.of("Asia/Kolkata"));

        assertThat(Timestamps.format(clock.now())).isEqualTo("2024-01-05 10:11:12.500000");
    }
}
