package dev.sitesync.ownership.store;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.domain.DecisionEngine;
import dev.sitesync.ownership.domain.PolicyDocument;
import dev.sitesync.ownership.domain.PolicyReader;
import dev.sitesync.ownership.domain.SiteReport;
import dev.sitesync.support.problem.ProblemException;

/**
 * The current {@link PolicySnapshot}. Every call checks the latest policy version and report generation in one
 * indexed query, so a change made through any replica is seen on the next call; the snapshot is rebuilt only when
 * either moved.
 */
@ApplicationScoped
public class PolicyState {

    private static final String VERSIONS = """
            select (select coalesce(max(version), 0) from policy_revision) as policy_version,
                   (select coalesce(max(generation), 0) from site_onboarding) as sites_version""";

    private final Pool pool;
    private final PolicyRevisions revisions;
    private final SiteReports reports;
    private final PolicyReader reader;
    private final AtomicReference<PolicySnapshot> cached = new AtomicReference<>();

    public PolicyState(Pool pool, PolicyRevisions revisions, SiteReports reports, PolicyReader reader) {
        this.pool = pool;
        this.revisions = revisions;
        this.reports = reports;
        this.reader = reader;
    }

    public Uni<PolicySnapshot> current() {
        return pool.query(VERSIONS).execute().flatMap(rows -> {
            Row row = rows.iterator().next();
            int policyVersion = row.getInteger("policy_version");
            long sitesVersion = row.getLong("sites_version");
            PolicySnapshot snapshot = cached.get();
            if (snapshot != null && snapshot.policyVersion() == policyVersion && snapshot.sitesVersion() == sitesVersion) {
                return Uni.createFrom().item(snapshot);
            }
            return load();
        });
    }

    private Uni<PolicySnapshot> load() {
        return revisions.latest().flatMap(latest -> reports.all().map(stored -> {
            StoredRevision revision = latest.orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE,
                    "No policy is loaded yet; the service applies its policy file at start."));
            PolicyDocument document = reader.read(revision.document());
            long sitesVersion = stored.values().stream().mapToLong(StoredReport::generation).max().orElse(0);
            Map<String, SiteReport> byCode = stored.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().report()));
            PolicySnapshot snapshot = new PolicySnapshot(revision, document, stored, sitesVersion,
                    new DecisionEngine(document.policy(), byCode));
            cached.accumulateAndGet(snapshot, PolicyState::newer);
            return snapshot;
        }));
    }

    /** Two loads racing must not put an older snapshot back. */
    private static PolicySnapshot newer(PolicySnapshot current, PolicySnapshot candidate) {
        if (current == null) {
            return candidate;
        }
        boolean candidateNewer = candidate.policyVersion() > current.policyVersion()
                || candidate.policyVersion() == current.policyVersion() && candidate.sitesVersion() >= current.sitesVersion();
        return candidateNewer ? candidate : current;
    }
}
