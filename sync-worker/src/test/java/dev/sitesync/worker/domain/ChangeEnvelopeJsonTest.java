package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/** The change time travels as ISO-8601 text, and envelopes from senders without it still read. */
class ChangeEnvelopeJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theChangeTimeRoundTripsAndMayBeAbsent() throws Exception {
        ChangeEnvelope envelope = new ChangeEnvelope(UUID.randomUUID(), "Item", "central", "SKU-1", "north",
                "2026-11-23 10:00:00.123456", "a".repeat(64), ChangeEnvelope.Operation.DELETE, null, List.of(), List.of(),
                3, OffsetDateTime.parse("2026-11-23T10:00:00.123456Z"), null, 42L);

        String text = json.writeValueAsString(envelope);
        assertThat(text).contains("\"changedAt\":\"2026-11-23T10:00:00.123456Z\"");
        assertThat(json.readValue(text, ChangeEnvelope.class).changedAt().toInstant())
                .isEqualTo(envelope.changedAt().toInstant());

        ChangeEnvelope older = json.readValue(text.replaceAll(",\"changedAt\":\"[^\"]*\"", ""), ChangeEnvelope.class);
        assertThat(older.changedAt()).isNull();
        assertThat(older.policyVersion()).isEqualTo(3);
    }
}
