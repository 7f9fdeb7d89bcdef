package dev.sitesync.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ExternalIdsTest {

    @Test
    void externalIdsAreVersion7WithTheIetfVariant() {
        UUID id = ExternalIds.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void externalIdsCarryTheCurrentUnixMillisecondsInTheirFirst48Bits() {
        long before = System.currentTimeMillis();
        UUID id = ExternalIds.next();
        long after = System.currentTimeMillis();

        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void externalIdsIncreaseInCreationOrderAlsoWithinOneMillisecond() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ExternalIds.next());
        }

        List<String> asText = ids.stream().map(UUID::toString).toList();
        assertThat(asText).isSorted().doesNotHaveDuplicates();
    }
}
