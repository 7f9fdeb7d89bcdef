package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void aSourcesVersionsFollowItsSequenceWhereModifiedRepeatsInADstFallBackHour() {
        // 02:50 CEST, then 02:10 CET an hour of real time later: the naive modified goes backwards
        VersionOrder first = new VersionOrder("central", 41L, OffsetDateTime.parse("2026-10-25T00:50:00Z"),
                "2026-10-25 02:50:00.000000");
        VersionOrder second = new VersionOrder("central", 42L, OffsetDateTime.parse("2026-10-25T01:10:00Z"),
                "2026-10-25 02:10:00.000000");

        assertThat(first.isOlderThan(second)).isTrue();
        assertThat(second.isOlderThan(first)).isFalse();
    }

    @Test
    void aLateCommitFromTheSameSourceIsOrderedByWhenItWasCaptured() {
        VersionOrder captured = new VersionOrder("central", 7L, null, "2026-12-05 10:00:05.000000");
        VersionOrder lateCommit = new VersionOrder("central", 8L, null, "2026-12-05 10:00:01.000000");

        assertThat(captured.isOlderThan(lateCommit)).isTrue();
    }

    @Test
    void versionsOfDifferentSourcesCompareAsInstantsAcrossTimeZones() {
        // after an ownership transfer: 11:00 in Berlin (UTC+1) is before 10:30 in London (UTC+0)
        VersionOrder berlin = new VersionOrder("central", 900L, OffsetDateTime.parse("2026-12-05T10:00:00Z"),
                "2026-12-05 11:00:00.000000");
        VersionOrder london = new VersionOrder("north", 3L, OffsetDateTime.parse("2026-12-05T10:30:00Z"),
                "2026-12-05 10:30:00.000000");

        assertThat(berlin.isOlderThan(london)).isTrue();
    }

    @Test
    void versionsFromOlderSendersCompareByModifiedAndNothingIsOlderThanNoVersion() {
        VersionOrder older = new VersionOrder("central", null, null, "2026-12-05 10:00:00.000000");
        VersionOrder newer = new VersionOrder("central", null, null, "2026-12-05 10:00:00.000001");

        assertThat(older.isOlderThan(newer)).isTrue();
        assertThat(newer.isOlderThan(null)).isFalse();
        assertThat(newer.sameAs(new VersionOrder("central", null, null, "2026-12-05 10:00:00.000001"))).isTrue();
    }
}
