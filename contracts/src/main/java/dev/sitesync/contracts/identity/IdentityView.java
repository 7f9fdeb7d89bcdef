package dev.sitesync.contracts.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A global identity: where the document was first seen and what it is called on each site. */
public record IdentityView(
        UUID externalId,
        String doctype,
        String originSite,
        String originName,
        OffsetDateTime createdAt,
        List<Link> links) {

    /** The document's local name on one site. */
    public record Link(String site, String localName, OffsetDateTime linkedAt) {
    }
}
