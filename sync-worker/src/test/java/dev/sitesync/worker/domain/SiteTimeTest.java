package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteTimeTest {

    @ParameterizedTest(name = "{0} in {1}, read at {2} -> {3}")
    @CsvSource({
            "2026-12-01 10:00:00.250000, Europe/Berlin, 2026-12-01T09:00:05Z, 2026-12-01T09:00:00.250Z",
            "2026-12-01 10:00:00,        UTC,           2026-12-01T10:00:05Z, 2026-12-01T10:00:00Z",
            // the fall-back hour: 02:30 happens at 00:30Z (CEST) and at 01:30Z (CET)
            "2026-10-25 02:30:00,        Europe/Berlin, 2026-10-25T01:30:02Z, 2026-10-25T01:30:00Z",
            "2026-10-25 02:30:00,        Europe/Berlin, 2026-10-25T00:30:02Z, 2026-10-25T00:30:00Z",
            // the spring-forward gap: 02:30 never happens; Java moves it past the gap
            "2026-03-29 02:30:00,        Europe/Berlin, 2026-03-29T01:31:00Z, 2026-03-29T01:30:00Z"})
    void aNaiveSiteTimeIsTheInstantItStandsForInTheSitesZone(String naive, String zone, String readAt, String expected) {
        assertThat(SiteTime.toInstant(naive, ZoneId.of(zone), Instant.parse(readAt))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"not a time", "2026-13-01 00:00:00"})
    void anUnparsableValueIsUnknown(String naive) {
        assertThat(SiteTime.toInstant(naive, ZoneId.of("UTC"), Instant.now())).isNull();
    }
}
