package dev.sitesync.ownership.domain;

import java.util.Map;

/**
 * What a site reported at onboarding: the versions it runs and, per doctype, its meta hash and whether the
 * {@code sitesync_external_id} custom field exists (without it the site cannot receive that doctype).
 */
public record SiteReport(String site, Map<String, Version> versions, Map<String, DoctypeMeta> doctypes) {

    public record DoctypeMeta(String metaHash, boolean externalIdField) {
    }
}
