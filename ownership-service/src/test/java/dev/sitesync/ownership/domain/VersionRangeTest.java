package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    @Test
    void aRangeAdmitsVersionsBetweenItsBounds() {
        VersionRange range = VersionRange.parse(">=15.0 <16");

        assertThat(range.contains(Version.parse("15"))).isTrue();
        assertThat(range.contains(Version.parse("15.40.1"))).isTrue();
        assertThat(range.contains(Version.parse("v15.2.0-beta.1"))).isTrue();
        assertThat(range.contains(Version.parse("16.0.0"))).isFalse();
        assertThat(range.contains(Version.parse("14.99"))).isFalse();
    }

    @Test
    void aBareVersionIsAnExactMatch() {
        VersionRange range = VersionRange.parse("15.3");

        assertThat(range.contains(Version.parse("15.3.0"))).isTrue();
        assertThat(range.contains(Version.parse("15.3.1"))).isFalse();
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(Version.parse("15.10.0")).isGreaterThan(Version.parse("15.9.9"));
    }

    @Test
    void textThatIsNoVersionIsRefused() {
        assertThatThrownBy(() -> VersionRange.parse(">= 15.x")).hasMessageContaining("15.x");
        assertThatThrownBy(() -> Version.parse("latest")).hasMessageContaining("latest");
    }
}
