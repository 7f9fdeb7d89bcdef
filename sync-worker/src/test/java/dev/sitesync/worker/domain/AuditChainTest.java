package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AuditChainTest {

    private final AuditEntry entry = new AuditEntry(Instant.parse("2026-11-23T10:00:00.123456Z"), UUID.randomUUID(),
            "central", "north", "Item", "SKU-1", "2026-11-23 10:00:00", "a".repeat(64), SyncStatus.APPLIED, 1, null);

    @Test
    void eachRowsHashCoversThePreviousHashAndEveryField() {
        String hash = AuditChain.hash(AuditChain.GENESIS, entry);

        assertThat(hash).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, entry));
        assertThat(AuditChain.hash("1".repeat(64), entry)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditEntry(entry.at(), entry.externalId(), "central", "north",
                "Item", "SKU-1", entry.version(), entry.payloadHash(), SyncStatus.APPLIED, 1, "rewritten")))
                .isNotEqualTo(hash);
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        AuditEntry shifted = new AuditEntry(entry.at(), entry.externalId(), "centraln", "orth", "Item", "SKU-1",
                entry.version(), entry.payloadHash(), SyncStatus.APPLIED, 1, null);

        assertThat(AuditChain.hash(AuditChain.GENESIS, shifted)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry));
    }
}
