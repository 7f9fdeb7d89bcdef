package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysGrowExponentiallyWithJitterAndStayUnderTheCeiling() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);

        for (int i = 0; i < 100; i++) {
            assertThat(Backoff.delay(1, first, max)).isBetween(Duration.ofMillis(500), first);
            assertThat(Backoff.delay(4, first, max)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(Backoff.delay(30, first, max)).isBetween(Duration.ofMillis(150_000), max);
        }
    }
}
