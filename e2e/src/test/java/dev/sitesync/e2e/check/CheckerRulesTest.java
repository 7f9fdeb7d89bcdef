package dev.sitesync.e2e.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The checker's comparison and verdict rules, without a stack. */
class CheckerRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bookkeepingAndTheConsumersOwnFieldsAreIgnoredAndNumbersComparedByValue() throws Exception {
        ObjectNode owner = (ObjectNode) JSON.readTree("""
                {"name":"A","modified":"2026-01-01 00:00:00","item_name":"Mug","rate":1.50,"valuation_rate":3,
                 "uoms":[{"name":"x1","idx":1,"uom":"Nos","conversion_factor":1}]}""");
        ObjectNode consumer = (ObjectNode) JSON.readTree("""
                {"name":"B","modified":"2026-02-02 00:00:00","item_name":"Mug","rate":1.5,"sitesync_external_id":"e",
                 "uoms":[{"name":"y7","idx":1,"uom":"Nos","conversion_factor":1.0}]}""");

        Set<String> differing = Normalized.differences(Normalized.of(owner, Set.of("valuation_rate")),
                Normalized.of(consumer, Set.of("valuation_rate")));

        assertThat(differing).isEmpty();
    }

    @Test
    void aChangedFieldIsNamed() throws Exception {
        ObjectNode owner = (ObjectNode) JSON.readTree("{\"item_name\":\"Mug XL\",\"description\":\"blue\"}");
        ObjectNode consumer = (ObjectNode) JSON.readTree("{\"item_name\":\"Mug\",\"description\":\"blue\"}");

        assertThat(Normalized.differences(Normalized.of(owner, Set.of()), Normalized.of(consumer, Set.of())))
                .containsExactly("item_name");
    }

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
