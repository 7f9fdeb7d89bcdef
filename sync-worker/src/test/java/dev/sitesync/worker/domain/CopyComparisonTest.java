package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a consumer's copies of an owner document are judged by a reconciliation. */
class CopyComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void aCopyHoldingEveryFieldTheOwnerSendsIsInSyncWhateverTheSiteAddsOrStamps() throws Exception {
        ObjectNode expected = json("""
                {"item_name":"Mug","rate":1.50,"uoms":[{"uom":"Nos","conversion_factor":1}]}""");
        JsonNode copy = json("""
                {"name":"MUG-1","modified":"2026-01-02 00:00:00","modified_by":"sync@north","item_name":"Mug",
                 "rate":1.5,"barcode_local":"123","sitesync_external_id":"e",
                 "uoms":[{"name":"r9","idx":1,"uom":"Nos","conversion_factor":1.0}]}""");

        CopyComparison.Verdict verdict = CopyComparison.compare(expected, List.of(copy));

        assertThat(verdict.kind()).isEqualTo(CopyComparison.Kind.IN_SYNC);
        assertThat(verdict.differing()).isEmpty();
    }

    @Test
    void aCopyHoldingOtherValuesIsStaleAndNamesTheFields() throws Exception {
        ObjectNode expected = json("{\"item_name\":\"Mug\",\"description\":\"blue\",\"rate\":2}");
        JsonNode copy = json("{\"item_name\":\"changed here\",\"description\":\"blue\"}");

        CopyComparison.Verdict verdict = CopyComparison.compare(expected, List.of(copy));

        assertThat(verdict.kind()).isEqualTo(CopyComparison.Kind.STALE);
        assertThat(verdict.differing()).containsExactly("item_name", "rate");
    }

    @Test
    void noCopyIsMissingAndTwoCopiesAreDuplicated() throws Exception {
        ObjectNode expected = json("{\"item_name\":\"Mug\"}");

        assertThat(CopyComparison.compare(expected, List.of()).kind()).isEqualTo(CopyComparison.Kind.MISSING);
        assertThat(CopyComparison.compare(expected, List.of(expected, expected)).kind())
                .isEqualTo(CopyComparison.Kind.DUPLICATED);
    }

    @Test
    void theConsumersLocalFieldsAreItsOwnAndNeverMakeACopyStale() throws Exception {
        ObjectNode payload = json("{\"item_name\":\"Mug\",\"valuation_rate\":3}");
        JsonNode copy = json("{\"item_name\":\"Mug\",\"valuation_rate\":9}");

        ObjectNode expected = CopyComparison.expected(payload, List.of("valuation_rate"));

        assertThat(CopyComparison.compare(expected, List.of(copy)).kind()).isEqualTo(CopyComparison.Kind.IN_SYNC);
        assertThat(payload.has("valuation_rate")).as("the payload itself is left as it was").isTrue();
    }
}
