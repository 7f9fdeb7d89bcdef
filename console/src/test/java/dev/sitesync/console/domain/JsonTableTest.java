package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class JsonTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsBecomeRowsWithAColumnPerFieldInTheOrderFirstSeen() throws Exception {
        JsonTable table = JsonTable.of(JSON.readTree("""
                {"site": "north", "ready": false, "checks": [
                  {"name": "external-id-field", "passed": true},
                  {"name": "webhooks", "passed": false, "detail": "2 of 24 missing", "evidence": {"missing": ["Item"]}}]}"""));

        assertThat(table.columns()).containsExactly("name", "passed", "detail", "evidence");
        assertThat(table.rows()).containsExactly(List.of("external-id-field", "true", "", ""),
                List.of("webhooks", "false", "2 of 24 missing", "{\"missing\":[\"Item\"]}"));
    }

    @Test
    void theScalarFieldsBesideTheRecordsAreTheSummary() throws Exception {
        assertThat(JsonTable.summary(JSON.readTree("{\"site\": \"north\", \"ready\": false, \"checks\": []}")))
                .containsExactly(List.of("site", "north"), List.of("ready", "false"));
    }

    @Test
    void anArrayIsTakenAsItIsAndAnAnswerWithoutRecordsIsEmpty() throws Exception {
        assertThat(JsonTable.of(JSON.readTree("[{\"a\": 1}, 7, {\"b\": 2}]")).rows()).hasSize(2);
        assertThat(JsonTable.of(JSON.readTree("{\"status\": \"never run\"}")).empty()).isTrue();
        assertThat(JsonTable.of(null).empty()).isTrue();
    }
}
