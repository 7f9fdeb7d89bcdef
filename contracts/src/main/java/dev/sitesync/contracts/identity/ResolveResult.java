package dev.sitesync.contracts.identity;

import java.util.UUID;

/**
 * The answer for one document of a {@link ResolveRequest}.
 *
 * @param externalId the document's external ID, or null when it has none and none was assigned
 * @param created true when this call assigned the external ID
 */
public record ResolveResult(String site, String doctype, String localName, UUID externalId, boolean created) {
}
