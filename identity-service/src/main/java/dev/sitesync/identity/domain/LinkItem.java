package dev.sitesync.identity.domain;

import java.util.UUID;

/** A request to link an external ID to its document's name on a site. */
public record LinkItem(UUID externalId, String site, String localName) {
}
