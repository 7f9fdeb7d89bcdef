package dev.sitesync.ownership.api;

import java.util.Map;

/**
 * A recorded onboarding report and what it means.
 *
 * @param schemaProblems per doctype the site owns or consumes, why it cannot exchange it (versions outside the
 *        supported range, missing {@code sitesync_external_id} field); empty when the site is ready
 */
public record OnboardingResult(SiteView site, Map<String, String> schemaProblems) {
}
