package dev.sitesync.e2e.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The checker's verdict rules, without a stack (how copies compare is the workers' reconciliation's rule,
 * sync-worker's {@code CopyComparisonTest}).
 */
class CheckerRulesTest {

    @Test
    void aMissingDuplicatedOrReappliedDocumentMakesTheReportInconsistent() {
        Finding clean = new Finding("north", "Item", 2, 2, List.of(), List.of(), List.of(), 0, 0);
        Finding missing = new Finding("north", "Item", 2, 1, List.of("central/A"), List.of(), List.of(), 0, 0);
        Finding duplicated = new Finding("south", "Item", 2, 1, List.of(), List.of("central/B=[B, B-1]"), List.of(), 0,
                0);
        Finding reapplied = new Finding("south", "Item", 2, 2, List.of(), List.of(), List.of(), 0, 1);

        assertThat(new ConsistencyReport(List.of(clean)).clean()).isTrue();
        assertThat(new ConsistencyReport(List.of(clean, missing)).clean()).isFalse();
        assertThat(new ConsistencyReport(List.of(duplicated)).clean()).isFalse();
        assertThat(new ConsistencyReport(List.of(reapplied)).render()).contains("INCONSISTENT", "1 reapplied");
    }
}
