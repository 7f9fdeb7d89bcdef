package dev.sitesync.ownership.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a site can exchange a doctype: its versions (reported at onboarding, else as the policy declares them) lie
 * in the doctype's supported ranges, and, to receive it, the site has the {@code sitesync_external_id} custom field.
 */
final class SchemaCompatibility {

    private final Policy policy;
    private final Map<String, SiteReport> reports;

    SchemaCompatibility(Policy policy, Map<String, SiteReport> reports) {
        this.policy = policy;
        this.reports = reports;
    }

    /** Why the site cannot exchange the doctype, or empty when it can. */
    Optional<String> problem(Domain domain, String site, boolean receiving) {
        SiteReport report = reports.get(site);
        Map<String, Version> versions = report != null
                ? report.versions()
                : policy.site(site).map(Site::declaredVersions).orElse(Map.of());
        for (Map.Entry<String, VersionRange> range : domain.supportedVersions().entrySet()) {
            Version version = versions.get(range.getKey());
            if (version == null) {
                return Optional.of("%s's %s version is unknown; %s needs %s %s".formatted(site, range.getKey(),
                        domain.doctype(), range.getKey(), range.getValue()));
            }
            if (!range.getValue().contains(version)) {
                return Optional.of("%s runs %s %s, outside %s's supported range %s".formatted(site, range.getKey(),
                        version, domain.doctype(), range.getValue()));
            }
        }
        if (receiving && report != null) {
            SiteReport.DoctypeMeta meta = report.doctypes().get(domain.doctype());
            if (meta != null && !meta.externalIdField()) {
                return Optional.of("%s's %s has no sitesync_external_id custom field".formatted(site, domain.doctype()));
            }
        }
        return Optional.empty();
    }
}
