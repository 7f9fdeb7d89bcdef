package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteHealthTest {

    @Test
    void aQuietSiteIsHealthy() {
        SiteHealth health = SiteHealth.of(59, 0, 0, 0, 0);

        assertThat(health.level()).isEqualTo(SiteHealth.HEALTHY);
        assertThat(health.reasons()).isEmpty();
    }

    @Test
    void everythingWaitingForAPersonOrALongLagNeedsAttentionWithItsReasons() {
        SiteHealth health = SiteHealth.of(125, 1, 2, 1, 3);

        assertThat(health.level()).isEqualTo(SiteHealth.ATTENTION);
        assertThat(health.reasons()).containsExactly("1 circuit not closed", "2 conflicts to resolve",
                "1 dead letter to retry or discard", "3 parked deliveries", "lag 2 min 5 s");
        assertThat(health.label()).isEqualTo("Needs attention");
    }
}
