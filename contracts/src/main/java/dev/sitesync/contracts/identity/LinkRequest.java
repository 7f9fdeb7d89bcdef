package dev.sitesync.contracts.identity;

import dev.sitesync.contracts.constraints.LocalName;

/** Link an external ID to the name its document has on one site. */
public record LinkRequest(@LocalName String localName) {
}
