package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PayloadMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSitesCopyHoldsWhatWasSentWhateverTheSiteAddedOrHowItWritesNumbers() throws Exception {
        JsonNode sent = JSON.readTree("""
                {"item_name": "Mug", "weight": 1.5, "is_stock_item": 1,
                 "uoms": [{"uom": "Nos", "conversion_factor": 1}]}""");
        JsonNode actual = JSON.readTree("""
                {"name": "SKU-1", "modified": "2026-12-05 10:00:00.000001", "item_name": "Mug", "weight": "1.500",
                 "is_stock_item": 1, "description": "added by the site",
                 "uoms": [{"name": "a1b2", "idx": 1, "uom": "Nos", "conversion_factor": 1.0}]}""");

        assertThat(PayloadMatch.holds(actual, sent)).isTrue();
    }

    @Test
    void aDifferentValueAMissingChildRowOrANumberForTextDoNotHold() throws Exception {
        JsonNode sent = JSON.readTree("""
                {"item_name": "Mug", "weight": 1.5, "uoms": [{"uom": "Nos"}]}""");

        assertThat(PayloadMatch.holds(JSON.readTree("""
                {"item_name": "Cup", "weight": 1.5, "uoms": [{"uom": "Nos"}]}"""), sent)).isFalse();
        assertThat(PayloadMatch.holds(JSON.readTree("""
                {"item_name": "Mug", "weight": 2, "uoms": [{"uom": "Nos"}]}"""), sent)).isFalse();
        assertThat(PayloadMatch.holds(JSON.readTree("""
                {"item_name": "Mug", "weight": 1.5, "uoms": []}"""), sent)).isFalse();
        assertThat(PayloadMatch.holds(JSON.readTree("""
                {"item_name": "Mug", "weight": "heavy", "uoms": [{"uom": "Nos"}]}"""), sent)).isFalse();
    }
}
