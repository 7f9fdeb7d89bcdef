package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.ownership.domain.AnchorOrder.Verdict;

class AnchorOrderTest {

    private static final AuditAnchor AT_20 = new AuditAnchor("north", 20, "a".repeat(64), null, "worker-north",
            OffsetDateTime.parse("2026-12-01T10:00:00Z"), false);

    @Test
    void theFirstHeadAndEveryLaterOneAreAccepted() {
        assertThat(AnchorOrder.judge(5, "b".repeat(64), Optional.empty(), Optional.empty()).verdict())
                .isEqualTo(Verdict.ACCEPT);
        assertThat(AnchorOrder.judge(21, "b".repeat(64), Optional.empty(), Optional.of(AT_20)).verdict())
                .isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void theSameHeadAgainIsTheAnchorThereAlready() {
        assertThat(AnchorOrder.judge(20, "a".repeat(64), Optional.of(AT_20), Optional.of(AT_20)))
                .satisfies(judgement -> {
                    assertThat(judgement.verdict()).isEqualTo(Verdict.SAME);
                    assertThat(judgement.existing()).isEqualTo(AT_20);
                });
    }

    @Test
    void anAnchoredEntryWithAnotherHashContradictsIt() {
        assertThat(AnchorOrder.judge(20, "c".repeat(64), Optional.of(AT_20), Optional.of(AT_20))).satisfies(judgement -> {
            assertThat(judgement.verdict()).isEqualTo(Verdict.CONTRADICTS);
            assertThat(judgement.why()).contains("Entry 20 of north's sync log was anchored at 2026-12-01T10:00Z")
                    .contains("rewritten");
        });
    }

    @Test
    void entriesAfterTheRestoredHeadMayBeAcknowledgedLostOnceWhileSomeAreAnchored() {
        AuditAnchor lost = new AuditAnchor("north", 20, "a".repeat(64), null, "worker-north", AT_20.anchoredAt(), true);

        assertThat(AnchorOrder.lossRefused(12, Optional.of(AT_20))).isEmpty();
        assertThat(AnchorOrder.lossRefused(0, Optional.of(AT_20))).isEmpty();
        assertThat(AnchorOrder.lossRefused(20, Optional.of(AT_20))).get().asString()
                .startsWith("No entry after 20 was anchored (the newest anchored is 20)");
        assertThat(AnchorOrder.lossRefused(3, Optional.empty())).get().asString().startsWith("No entry after 3");
        assertThat(AnchorOrder.lossRefused(12, Optional.of(lost))).get().asString().contains("acknowledged lost already");
    }

    @Test
    void aHeadBehindTheNewestAnchorContradictsIt() {
        assertThat(AnchorOrder.judge(12, "c".repeat(64), Optional.empty(), Optional.of(AT_20))).satisfies(judgement -> {
            assertThat(judgement.verdict()).isEqualTo(Verdict.CONTRADICTS);
            assertThat(judgement.why()).contains("Entry 12 is behind north's newest anchored head, entry 20");
        });
    }
}
