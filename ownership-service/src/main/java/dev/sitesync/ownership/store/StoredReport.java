package dev.sitesync.ownership.store;

import java.time.OffsetDateTime;

import dev.sitesync.ownership.domain.SiteReport;

/** A site's latest onboarding report, who recorded it and when. */
public record StoredReport(SiteReport report, String recordedBy, OffsetDateTime recordedAt, long generation) {
}
