package dev.sitesync.guard.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.github.f4b6a3.uuid.UuidCreator;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.client.SiteOrderReader;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.config.SiteConfig;
import dev.sitesync.guard.service.FactsGatherer;
import dev.sitesync.guard.service.GuardMetrics;
import dev.sitesync.guard.store.AuditLeases;
import dev.sitesync.guard.store.AuditRunStore;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.FindingStore;
import dev.sitesync.guard.store.SiteFinding;
import dev.sitesync.support.problem.ProblemException;

/**
 * Audits one site: runs every check one after the other (a site is not hammered by its own guard), records what each
 * found as findings, and the run itself. A check the site does not let the guard read is skipped, a check that fails
 * is reported; neither stops the others. A run holds the site's lease (AuditLeases) while it works, so replicas never
 * audit a site twice at once, and a scheduled run audits its slot only if no replica did.
 */
@Singleton
public class SiteAuditor {

    private static final Logger LOG = Logger.getLogger(SiteAuditor.class);

    public static final String SCHEDULE = "schedule";
    public static final String REQUEST = "request";

    private final SiteDirectory sites;
    private final GuardConfig config;
    private final FindingStore findings;
    private final AuditRunStore runs;
    private final AuditLeases leases;
    private final GuardMetrics metrics;
    private final List<AuditCheck> checks;

    public SiteAuditor(SiteDirectory sites, GuardConfig config, FindingStore findings, AuditRunStore runs,
            AuditLeases leases, GuardMetrics metrics, SiteOrderReader reader, FactsGatherer facts,
            DecisionStore decisions) {
        this.sites = sites;
        this.config = config;
        this.findings = findings;
        this.runs = runs;
        this.leases = leases;
        this.metrics = metrics;
        this.checks = List.of(
                new NegativeStockCheck(),
                new HighDiscountInvoiceCheck(),
                new ReturnWithoutOriginCheck(),
                new RepeatedRefundsCheck(),
                new BackdatedEntryCheck("Sales Order", "transaction_date"),
                new BackdatedEntryCheck("Sales Invoice", "posting_date"),
                new BackdatedEntryCheck("Payment Entry", "posting_date"),
                new NegativeMarginCheck(reader, facts),
                new SubmittedOutsideGuardCheck(decisions),
                new UnbalancedVoucherCheck(),
                new StalePastDueSubscriptionCheck());
    }

    /** Audits the site now, on request; refused while another audit of the site runs. */
    public Uni<AuditReport> audit(String site) {
        return run(site, REQUEST, null).map(report -> report.orElseThrow(() -> new ProblemException(
                ProblemType.CONFLICT, "An audit of site %s is running; its findings will be listed at /api/v1/findings."
                        .formatted(site))));
    }

    /** Audits the site for this slot of its schedule, unless another replica audits or audited it. */
    public Uni<Optional<AuditReport>> scheduled(String site, OffsetDateTime slot) {
        return run(site, SCHEDULE, slot);
    }

    private Uni<Optional<AuditReport>> run(String site, String trigger, OffsetDateTime slot) {
        SiteConfig siteConfig = sites.config(site);
        AuditScope scope = new AuditScope(site, sites.client(site), LocalDate.now(siteConfig.timeZone()),
                config.audit());
        UUID runId = UuidCreator.getTimeOrderedEpoch();
        return leases.take(site, runId, config.audit().lease(), slot).flatMap(taken -> {
            if (!taken) {
                LOG.debugf("Site %s is (or was, for this slot) audited by another run; %s run skipped", site, trigger);
                return Uni.createFrom().item(Optional.<AuditReport>empty());
            }
            OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
            return Multi.createFrom().iterable(checks)
                    .onItem().transformToUniAndConcatenate(check -> run(check, scope))
                    .collect().asList()
                    .flatMap(results -> record(runId, site, trigger, slot, started, results))
                    .map(Optional::of)
                    .eventually(() -> leases.release(site, runId));
        });
    }

    private Uni<AuditReport.CheckSummary> run(AuditCheck check, AuditScope scope) {
        return check.run(scope)
                .onFailure().recoverWithItem(failure -> notRun(check, scope.site(), failure))
                .flatMap(result -> findings.record(result.findings()).map(created -> {
                    metrics.auditCheck(scope.site(), check.rule(), result.status());
                    metrics.found("audit", scope.site(), result.findings().stream().map(SiteFinding::finding).toList());
                    return new AuditReport.CheckSummary(result.rule(), result.doctype(), result.status(),
                            result.examined(), result.truncated(), result.findings().size(), created, result.detail());
                }));
    }

    private static CheckResult notRun(AuditCheck check, String site, Throwable failure) {
        if (failure instanceof FrappeException frappe
                && (frappe.kind() == FrappeErrorKind.NOT_FOUND || frappe.kind() == FrappeErrorKind.PERMISSION)) {
            return CheckResult.notRun(check, CheckResult.SKIPPED,
                    "The site does not let commerce-guard read %s (%s)".formatted(check.doctype(), frappe.kind()));
        }
        LOG.warnf(failure, "Audit check %s (%s) failed on site %s", check.rule(), check.doctype(), site);
        return CheckResult.notRun(check, CheckResult.FAILED, failure.getMessage());
    }

    private Uni<AuditReport> record(UUID runId, String site, String trigger, OffsetDateTime slot,
            OffsetDateTime started, List<AuditReport.CheckSummary> summaries) {
        AuditReport report = new AuditReport(runId, site, trigger, started, OffsetDateTime.now(ZoneOffset.UTC),
                new ArrayList<>(summaries));
        return runs.insert(report.runId(), site, trigger, slot, report.startedAt(), report.finishedAt(), report.checks())
                .invoke(() -> LOG.infof("Audited %s (%s): %d findings", site, trigger,
                        summaries.stream().mapToInt(AuditReport.CheckSummary::findings).sum()))
                .replaceWith(report);
    }
}
