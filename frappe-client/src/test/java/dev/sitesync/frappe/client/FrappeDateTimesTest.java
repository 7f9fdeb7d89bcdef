package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class FrappeDateTimesTest {

    @Test
    void datetimesWithAndWithoutFractionAreRead() {
        assertThat(FrappeDateTimes.parse("2024-01-05 10:11:12.123456"))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 11, 12, 123_456_000));
        assertThat(FrappeDateTimes.parse("2024-01-05 10:11:12")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 11, 12));
        assertThat(FrappeDateTimes.parse("2024-01-05 10:11:12.5")).isEqualTo(
                LocalDateTime.of(2024, 1, 5, 10, 11, 12, 500_000_000));
    }

    @Test
    void datetimesAreWrittenAsPythonsStrDoes() {
        assertThat(FrappeDateTimes.format(LocalDateTime.of(2024, 1, 5, 10, 11, 12, 123_456_000)))
                .isEqualTo("2024-01-05 10:11:12.123456");
        assertThat(FrappeDateTimes.format(LocalDateTime.of(2024, 1, 5, 10, 11, 12, 500_000_000)))
                .isEqualTo("2024-01-05 10:11:12.500000");
        assertThat(FrappeDateTimes.format(LocalDateTime.of(2024, 1, 5, 10, 11, 12))).isEqualTo("2024-01-05 10:11:12");
    }

    @Test
    void aNaiveDatetimeIsReadInTheSitesZone() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");

        assertThat(FrappeDateTimes.toInstant("2024-01-05 10:11:12", kolkata))
                .isEqualTo(Instant.parse("2024-01-05T04:41:12Z"));
        assertThat(FrappeDateTimes.format(Instant.parse("2024-01-05T04:41:12.000001Z"), kolkata))
                .isEqualTo("2024-01-05 10:11:12.000001");
    }
}
