package dev.sitesync.identity.domain;

import java.util.UUID;

/** A document's external ID, and whether this call assigned it. */
public record Resolution(UUID externalId, boolean created) {
}
