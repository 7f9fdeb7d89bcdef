package dev.sitesync.guard.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.github.f4b6a3.uuid.UuidCreator;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.client.SiteOrderReader;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.config.SiteConfig;
import dev.sitesync.guard.service.FactsGatherer;
import dev.sitesync.guard.service.GuardMetrics;
import dev.sitesync.guard.store.AuditRunStore;
import dev.sitesync.guard.store.FindingStore;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Audits one site: runs every check one after the other (a site is not hammered by its own guard), records what each
 * found as findings, and the run itself. A check the site does not let the guard read is skipped, a check that fails
 * is reported; neither stops the others.
 */
@Singleton
public class SiteAuditor {

    private static final Logger LOG = Logger.getLogger(SiteAuditor.class);

    private final SiteDirectory sites;
    private final GuardConfig config;
    private final FindingStore findings;
    private final AuditRunStore runs;
    private final GuardMetrics metrics;
    private final List<AuditCheck> checks;

    public SiteAuditor(SiteDirectory sites, GuardConfig config, FindingStore findings, AuditRunStore runs,
            GuardMetrics metrics, SiteOrderReader reader, FactsGatherer facts) {
        this.sites = sites;
        this.config = config;
        this.findings = findings;
        this.runs = runs;
        this.metrics = metrics;
        this.checks = List.of(
                new NegativeStockCheck(),
                new HighDiscountInvoiceCheck(),
                new BackdatedEntryCheck("Sales Order", "transaction_date"),
                new BackdatedEntryCheck("Sales Invoice", "posting_date"),
                new BackdatedEntryCheck("Payment Entry", "posting_date"),
                new NegativeMarginCheck(reader, facts),
                new UnbalancedVoucherCheck(),
                new StalePastDueSubscriptionCheck());
    }

    /** Audits the site now; {@code trigger} says why ({@code schedule} or {@code request}). */
    public Uni<AuditReport> audit(String site, String trigger) {
        SiteConfig siteConfig = sites.config(site);
        AuditScope scope = new AuditScope(site, sites.client(site), LocalDate.now(siteConfig.timeZone()),
                config.audit());
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        return Multi.createFrom().iterable(checks)
                .onItem().transformToUniAndConcatenate(check -> run(check, scope))
                .collect().asList()
                .flatMap(results -> record(site, trigger, started, results));
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

    private Uni<AuditReport> record(String site, String trigger, OffsetDateTime started,
            List<AuditReport.CheckSummary> summaries) {
        AuditReport report = new AuditReport(UuidCreator.getTimeOrderedEpoch(), site, trigger, started,
                OffsetDateTime.now(ZoneOffset.UTC), new ArrayList<>(summaries));
        return runs.insert(report.runId(), site, trigger, report.startedAt(), report.finishedAt(), report.checks())
                .invoke(() -> LOG.infof("Audited %s (%s): %d findings", site, trigger,
                        summaries.stream().mapToInt(AuditReport.CheckSummary::findings).sum()))
                .replaceWith(report);
    }
}
