package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class FieldDifferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWorkersDifferingFieldsComeFirstThenTheRestByName() throws Exception {
        var source = JSON.readTree(
                """
                        {"item_code": "SKU-1", "item_name": "Owner's", "description": "same", "weight": 1.5, "uoms": [{"uom": "Nos"}]}""");
        var target = JSON.readTree(
                """
                        {"item_code": "SKU-1", "item_name": "North's", "description": "same", "weight": null, "uoms": [{"uom": "Nos"}]}""");

        List<FieldDifferences.Row> rows = FieldDifferences.of(source, target, Set.of("item_name", "weight"));

        assertThat(rows).extracting(FieldDifferences.Row::field)
                .containsExactly("item_name", "weight", "description", "item_code", "uoms");
        assertThat(rows.get(0)).isEqualTo(new FieldDifferences.Row("item_name", "Owner's", "North's", true));
        assertThat(rows.get(1)).isEqualTo(new FieldDifferences.Row("weight", "1.5", "", true));
        assertThat(rows.get(4).source()).isEqualTo("[{\"uom\":\"Nos\"}]");
        assertThat(FieldDifferences.differing(rows)).isEqualTo(2);
    }

    @Test
    void aFieldOnlyOneVersionHasStillShows() throws Exception {
        List<FieldDifferences.Row> rows = FieldDifferences.of(JSON.readTree("{\"a\": 1}"), null, Set.of("a"));

        assertThat(rows).containsExactly(new FieldDifferences.Row("a", "1", "", true));
    }
}
