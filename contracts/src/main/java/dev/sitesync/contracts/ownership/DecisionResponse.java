package dev.sitesync.contracts.ownership;

import java.util.List;

/**
 * Decisions in request order. A worker may cache them while both versions hold: the policy's (the ETag of
 * {@code GET /api/v1/policy}) and the sites' onboarding reports' (in the ETag of {@code GET /api/v1/sites}).
 */
public record DecisionResponse(int policyVersion, long sitesVersion, List<Decision> decisions) {
}
