package dev.sitesync.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class FrappeTimestampsTest {

    @Test
    void readsAndWritesFrappeDatetimesWithAndWithoutFraction() {
        assertThat(FrappeTimestamps.parse("2024-01-05 10:11:12.123456"))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 11, 12, 123_456_000));
        assertThat(FrappeTimestamps.parse("2024-01-05 10:11:12")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 11, 12));
        assertThat(FrappeTimestamps.format(LocalDateTime.of(2024, 1, 5, 10, 11, 12))).isEqualTo("2024-01-05 10:11:12");
        assertThat(FrappeTimestamps.format(LocalDateTime.of(2024, 1, 5, 10, 11, 12, 450_000)))
                .isEqualTo("2024-01-05 10:11:12.000450");
    }
}
