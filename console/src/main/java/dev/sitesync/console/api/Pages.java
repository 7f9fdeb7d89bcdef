package dev.sitesync.console.api;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.sitesync.console.client.AuditVerification;
import dev.sitesync.console.client.PolicyRevision;
import dev.sitesync.console.client.ReviewPage;
import dev.sitesync.console.domain.Outcome;
import dev.sitesync.console.domain.ServiceFailure;
import dev.sitesync.contracts.problem.Problem;

/** The console's pages, checked against their data when the console is built (templates/Pages/*.html). */
@CheckedTemplate(basePath = "Pages")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance overview(List<OverviewResource.SiteCard> cards,
            List<OverviewResource.RecentDecision> decisions, long refreshSeconds);

    static native TemplateInstance conflicts(List<ConflictsResource.SiteConflicts> sites,
            FailuresResource.Filter filter, Outcome outcome, List<String> allSites);

    static native TemplateInstance failures(List<FailuresResource.SiteFailures> sites, FailuresResource.Filter filter,
            Outcome outcome, List<String> allSites);

    static native TemplateInstance audit(AuditResource.Search search, AuditResource.Entries entries,
            AuditVerification verification, ServiceFailure verificationFailure, List<String> allSites,
            List<String> statuses);

    static native TemplateInstance policy(PolicyRevision current, List<PolicyRevision> revisions,
            ServiceFailure failure);

    static native TemplateInstance revision(int version, PolicyRevision revision, ServiceFailure failure);

    static native TemplateInstance reviews(ReviewPage queue, ServiceFailure failure, String site, List<String> allSites);

    static native TemplateInstance review(String decisionId, ReviewsResource.Opened opened, ServiceFailure failure,
            Outcome outcome);

    static native TemplateInstance sites(List<SitesResource.SiteReports> sites);

    static native TemplateInstance problem(Problem problem);

    static native TemplateInstance signedOut();
}
