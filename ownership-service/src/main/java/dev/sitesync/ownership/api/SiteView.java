package dev.sitesync.ownership.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.sitesync.ownership.domain.SiteReport.DoctypeMeta;

/**
 * A site as the policy declares it, with its latest onboarding report (absent before its first).
 *
 * @param credentialsSecret the name of the Kubernetes Secret holding its API credentials; never the credentials
 */
public record SiteView(
        String code,
        String name,
        String baseUrl,
        String status,
        Map<String, String> declaredVersions,
        List<String> webhookCidrs,
        List<String> contacts,
        String credentialsSecret,
        Onboarding onboarding) {

    public record Onboarding(Map<String, String> versions, Map<String, DoctypeMeta> doctypes, String recordedBy,
            OffsetDateTime recordedAt) {
    }
}
