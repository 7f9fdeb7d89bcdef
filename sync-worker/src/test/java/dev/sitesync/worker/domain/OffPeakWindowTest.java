package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Off-peak windows on a clock the test sets: changes outside the window wait, inside it they flow. */
class OffPeakWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration OPEN_FOR = Duration.ofMinutes(1);

    private static SyncPolicy policy() throws Exception {
        return SyncPolicy.fromJson(3, new ObjectMapper().readTree("""
                {"domains": [
                  {"doctype": "Item", "class": "MASTER", "owner": "central",
                   "capture": {"mode": "scheduled", "cron": "0 */15 1-5 * * ?"}},
                  {"doctype": "Customer", "class": "MASTER", "owner": "central", "capture": {"mode": "webhook+poll"}}
                ]}"""));
    }

    private static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void aScheduledDoctypeWaitsOutsideItsWindowAndFlowsInsideItWhileOthersAlwaysFlow() throws Exception {
        SyncPolicy policy = policy();
        Clock noon = Clock.fixed(berlin("2026-12-05T12:00:00"), ZoneOffset.UTC);
        Clock firing = Clock.fixed(berlin("2026-12-06T01:15:00"), ZoneOffset.UTC);
        Clock justAfter = Clock.fixed(berlin("2026-12-06T01:15:40"), ZoneOffset.UTC);
        Clock between = Clock.fixed(berlin("2026-12-06T01:20:00"), ZoneOffset.UTC);

        assertThat(OffPeakWindow.capturable(policy, List.of("Item", "Customer"), noon.instant(), BERLIN, OPEN_FOR))
                .containsExactly("Customer");
        assertThat(OffPeakWindow.capturable(policy, List.of("Item", "Customer"), firing.instant(), BERLIN, OPEN_FOR))
                .containsExactly("Item", "Customer");
        assertThat(OffPeakWindow.capturable(policy, List.of("Item"), justAfter.instant(), BERLIN, OPEN_FOR))
                .containsExactly("Item");
        assertThat(OffPeakWindow.capturable(policy, List.of("Item"), between.instant(), BERLIN, OPEN_FOR)).isEmpty();
    }

    @Test
    void theCronIsReadInTheSitesZone() {
        OffPeakWindow night = OffPeakWindow.of("* * 1-5 * * ?", OPEN_FOR);

        assertThat(night.isOpen(berlin("2026-12-06T03:30:00"), BERLIN)).isTrue();
        // 03:30 in Berlin is 02:30 UTC; at 03:30 UTC Berlin reads 04:30, still inside, but 06:30 UTC is 07:30 there
        assertThat(night.isOpen(Instant.parse("2026-12-06T06:30:00Z"), BERLIN)).isFalse();
        assertThat(night.isOpen(Instant.parse("2026-12-06T00:30:00Z"), BERLIN)).isTrue();
    }

    @Test
    void aWindowThatIsNotQuartzCronNeverOpensSoItsChangesWait() {
        SyncPolicy policy = new SyncPolicy(1, Map.of(), Map.of("Item", "every night"), Map.of());

        assertThat(OffPeakWindow.capturable(policy, List.of("Item"), Instant.now(), BERLIN, OPEN_FOR)).isEmpty();
    }
}
