package dev.sitesync.ownership.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sitesync.contracts.ownership.DataClass;

/**
 * A data domain: one doctype, its class, who owns it, who consumes it and who answers for it.
 *
 * @param ownership null for REFERENCE_ONLY and NEVER doctypes, which have no copies to own
 * @param supportedVersions per application (frappe, erpnext), the versions a site must run to exchange this doctype;
 *        empty when any version will do
 */
public record Domain(
        String doctype,
        DataClass dataClass,
        Ownership ownership,
        List<Consumer> consumers,
        Capture capture,
        String businessOwner,
        String technicalOwner,
        String escalation,
        Map<String, VersionRange> supportedVersions) {

    public Optional<Consumer> consumer(String site) {
        return consumers.stream().filter(consumer -> consumer.site().equals(site)).findFirst();
    }
}
