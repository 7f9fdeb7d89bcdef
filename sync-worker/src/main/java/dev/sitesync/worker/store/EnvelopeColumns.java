package dev.sitesync.worker.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * A batch of envelopes column by column, as the inbox and the outbox take them in one statement; {@code bodies} is
 * each envelope as the text of its jsonb column, written by the service's mapper (changedAt as ISO-8601 text).
 */
record EnvelopeColumns(UUID[] externalIds, String[] sourceSites, String[] targetSites, String[] doctypes,
        String[] versions, String[] contentHashes, String[] bodies, OffsetDateTime[] changedAt) {

    static EnvelopeColumns of(ObjectMapper json, List<ChangeEnvelope> envelopes) {
        return new EnvelopeColumns(Columns.of(envelopes, ChangeEnvelope::externalId, UUID[]::new),
                Columns.of(envelopes, ChangeEnvelope::sourceSite, String[]::new),
                Columns.of(envelopes, ChangeEnvelope::targetSite, String[]::new),
                Columns.of(envelopes, ChangeEnvelope::doctype, String[]::new),
                Columns.of(envelopes, ChangeEnvelope::version, String[]::new),
                Columns.of(envelopes, ChangeEnvelope::contentHash, String[]::new),
                Columns.of(envelopes, envelope -> body(json, envelope), String[]::new),
                Columns.of(envelopes, ChangeEnvelope::changedAt, OffsetDateTime[]::new));
    }

    private static String body(ObjectMapper json, ChangeEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An envelope cannot be written as JSON", e);
        }
    }
}
