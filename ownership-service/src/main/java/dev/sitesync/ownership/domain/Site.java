package dev.sitesync.ownership.domain;

import java.util.List;
import java.util.Map;

/**
 * A site as the policy declares it. Its API credentials are not here: {@code credentialsSecret} names the Kubernetes
 * Secret that holds them.
 *
 * @param declaredVersions the versions the policy expects (e.g. frappe, erpnext), used until the site is onboarded
 */
public record Site(
        String code,
        String name,
        String baseUrl,
        SiteStatus status,
        Map<String, Version> declaredVersions,
        List<String> webhookCidrs,
        List<String> contacts,
        String credentialsSecret) {

    public boolean isActive() {
        return status == SiteStatus.ACTIVE;
    }
}
