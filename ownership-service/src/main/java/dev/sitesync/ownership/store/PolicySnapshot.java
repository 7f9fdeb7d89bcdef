package dev.sitesync.ownership.store;

import java.util.Map;

import dev.sitesync.ownership.domain.DecisionEngine;
import dev.sitesync.ownership.domain.PolicyDocument;

/**
 * The policy in force and the sites' onboarding reports, with the engine that decides by them. Decisions made from
 * one snapshot stay valid while both {@code policyVersion} and {@code sitesVersion} do.
 *
 * @param sitesVersion the highest onboarding report generation (0 before any report)
 */
public record PolicySnapshot(
        StoredRevision revision,
        PolicyDocument document,
        Map<String, StoredReport> reports,
        long sitesVersion,
        DecisionEngine engine) {

    public int policyVersion() {
        return revision.version();
    }
}
