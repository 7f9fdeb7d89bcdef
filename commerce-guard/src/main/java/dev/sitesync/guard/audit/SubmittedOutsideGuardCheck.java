package dev.sitesync.guard.audit;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Sales Orders the guard created that were submitted on the site although the guard never submitted them: an order
 * held for review, or not paid yet, submitted in the desk bypasses the guard's payment and stock checks.
 */
final class SubmittedOutsideGuardCheck implements AuditCheck {

    private final DecisionStore decisions;

    SubmittedOutsideGuardCheck(DecisionStore decisions) {
        this.decisions = decisions;
    }

    @Override
    public String rule() {
        return "submitted-outside-guard";
    }

    @Override
    public String doctype() {
        return SiteOrders.DOCTYPE;
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery submitted = ListQuery.of(doctype()).fields("name", "modified_by")
                .where(Filter.eq("docstatus", 1), Filter.ge("modified", scope.sinceDateTime()));
        int[] examined = {0};
        return scope.rows(submitted)
                .group().intoLists().of(scope.settings().pageSize())
                .onItem().transformToUniAndConcatenate(page -> {
                    examined[0] += page.size();
                    List<String> names = page.stream().map(row -> row.path("name").asText()).toList();
                    return decisions.unsubmittedAmong(scope.site(), names).map(found -> found.stream()
                            .map(decision -> new SiteFinding(scope.site(), SiteFinding.AUDIT,
                                    doctype() + " " + decision.salesOrder(),
                                    Finding.raises(rule(), Severity.BLOCK,
                                            "Sales Order %s was submitted on the site; the guard (decision %s, %s) never submitted it"
                                                    .formatted(decision.salesOrder(), decision.decisionId(),
                                                            decision.verdict()),
                                            Evidence.of("sales_order", decision.salesOrder(), "decision_id",
                                                    decision.decisionId().toString(), "verdict",
                                                    decision.verdict().name(), "submitted_by", page.stream()
                                                            .filter(row -> row.path("name").asText()
                                                                    .equals(decision.salesOrder()))
                                                            .findFirst().map(row -> row.path("modified_by").asText(null))
                                                            .orElse(null)))))
                            .toList());
                })
                .collect().in(ArrayList<SiteFinding>::new, List::addAll)
                .map(found -> CheckResult.ok(this, examined[0], examined[0] >= scope.settings().maxRows(), found));
    }
}
