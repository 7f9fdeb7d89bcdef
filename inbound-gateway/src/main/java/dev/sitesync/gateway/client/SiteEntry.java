package dev.sitesync.gateway.client;

import dev.sitesync.gateway.domain.IpRanges;

/** What the gateway needs to know of a site: whether it is active and where its webhooks may come from. */
public record SiteEntry(String code, boolean active, IpRanges webhookCidrs) {
}
