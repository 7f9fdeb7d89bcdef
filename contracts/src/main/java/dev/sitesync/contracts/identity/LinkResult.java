package dev.sitesync.contracts.identity;

import java.util.UUID;

/**
 * The outcome of a link request.
 *
 * @param created true when this call made the link; false when the same link already existed
 */
public record LinkResult(UUID externalId, String site, String doctype, String localName, boolean created) {
}
