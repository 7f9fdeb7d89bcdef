package dev.sitesync.contracts.identity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered reference to a document that stays on its own site. */
public record ReferenceView(
        UUID externalId,
        String site,
        String doctype,
        String name,
        String status,
        Integer docstatus,
        BigDecimal grandTotal,
        String currency,
        String modified,
        OffsetDateTime updatedAt) {
}
