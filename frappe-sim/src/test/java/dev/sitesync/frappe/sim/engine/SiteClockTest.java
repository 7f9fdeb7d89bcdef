package dev.sitesync.frappe.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SiteClockTest {

    private static final Clock STILL = Clock.fixed(Instant.parse("2024-01-05T10:11:12Z"), ZoneOffset.UTC);

    @Test
    void givenAClockThatStandsStillWhenAskedTwiceThenTheSecondTimeIsOneMicrosecondLater() {
        SiteClock clock = new SiteClock(STILL, ZoneId.of("UTC"));

        LocalDateTime first = clock.now();
        LocalDateTime second = clock.now();

        assertThat(Timestamps.format(first)).isEqualTo("2024-01-05 10:11:12");
        assertThat(Timestamps.format(second)).isEqualTo("2024-01-05 10:11:12.000001");
    }

    @Test
    void timesAreNaiveInTheSitesZone() {
        SiteClock clock = new SiteClock(Clock.fixed(Instant.parse("2024-01-05T04:41:12.5Z"), ZoneOffset.UTC),
                ZoneId.of("Asia/Kolkata"));

        assertThat(Timestamps.format(clock.now())).isEqualTo("2024-01-05 10:11:12.500000");
    }

    @Test
    void givenBerlinWhenTheClockPassesTheFallBackHourThenTheSameNaiveTimeComesTwice() {
        SiteClock clock = new SiteClock(STILL, ZoneId.of("Europe/Berlin"));

        clock.setTo(Instant.parse("2026-10-25T00:30:00Z"), true);
        String summerTime = Timestamps.format(clock.now());
        clock.setTo(Instant.parse("2026-10-25T01:30:00Z"), true);
        String winterTime = Timestamps.format(clock.now());

        assertThat(summerTime).isEqualTo("2026-10-25 02:30:00");
        assertThat(winterTime).isEqualTo("2026-10-25 02:30:00");
    }

    @Test
    void aClockSetToRunMovesWithTheMachinesClockFromTheInstantItWasSetTo() {
        MovableClock machine = new MovableClock(Instant.parse("2024-01-05T10:00:00Z"));
        SiteClock clock = new SiteClock(machine, ZoneId.of("UTC"));

        clock.setTo(Instant.parse("2030-06-01T08:00:00Z"), false);
        machine.advanceSeconds(90);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-01T08:01:30Z"));
        assertThat(clock.frozen()).isFalse();
    }

    @Test
    void aFrozenClockStaysAtItsInstantWhileTheMachinesClockMoves() {
        MovableClock machine = new MovableClock(Instant.parse("2024-01-05T10:00:00Z"));
        SiteClock clock = new SiteClock(machine, ZoneId.of("UTC"));

        clock.setTo(Instant.parse("2030-06-01T08:00:00Z"), true);
        machine.advanceSeconds(90);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-01T08:00:00Z"));
        assertThat(Timestamps.format(clock.now())).isEqualTo("2030-06-01 08:00:00");
    }

    @Test
    void aResetClockFollowsTheMachineAgainEvenWhenItHadRunAhead() {
        MovableClock machine = new MovableClock(Instant.parse("2024-01-05T10:00:00Z"));
        SiteClock clock = new SiteClock(machine, ZoneId.of("UTC"));
        clock.setTo(Instant.parse("2030-06-01T08:00:00Z"), true);
        clock.now();

        clock.reset();

        assertThat(Timestamps.format(clock.now())).isEqualTo("2024-01-05 10:00:00");
        assertThat(clock.set()).isFalse();
    }

    /** A machine clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
