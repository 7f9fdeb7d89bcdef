package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A delivery to a consumer's worker parked after its attempts, as {@code GET /ops/v1/parked-deliveries} lists it. */
public record ParkedDelivery(long id, String peer, UUID externalId, String doctype, String sourceName, String version,
        String status, int attempts, String lastError, OffsetDateTime createdAt) {
}
