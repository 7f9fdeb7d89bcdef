package dev.sitesync.ownership.api;

import java.util.List;

import dev.sitesync.ownership.domain.Decision;

/**
 * Decisions in request order. A worker may cache them while both versions hold: the policy's (the ETag of
 * {@code GET /api/v1/policy}) and the sites' onboarding reports' (in the ETag of {@code GET /api/v1/sites}).
 */
public record DecisionResponse(int policyVersion, long sitesVersion, List<Decision> decisions) {
}
