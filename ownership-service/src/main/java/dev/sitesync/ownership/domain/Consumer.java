package dev.sitesync.ownership.domain;

import java.util.List;

/**
 * A site that receives a doctype, and what of it.
 *
 * @param excludeFields fields never sent to this site
 * @param localFields fields this site keeps for itself (defaults, accounts, warehouses): sent, never overwritten there
 */
public record Consumer(String site, List<String> excludeFields, List<String> localFields) {
}
