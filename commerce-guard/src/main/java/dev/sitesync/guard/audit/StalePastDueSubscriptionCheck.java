package dev.sitesync.guard.audit;

import java.time.LocalDate;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/** Subscriptions left Past Due long after their invoice period ended: revenue nobody is collecting or cancelling. */
final class StalePastDueSubscriptionCheck implements AuditCheck {

    @Override
    public String rule() {
        return "stale-past-due-subscription";
    }

    @Override
    public String doctype() {
        return "Subscription";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        LocalDate staleBefore = scope.today().minusDays(scope.settings().pastDueDays());
        ListQuery query = ListQuery.of(doctype())
                .fields("name", "party_type", "party", "status", "current_invoice_start", "current_invoice_end")
                .where(Filter.eq("status", "Past Due Date"), Filter.lt("current_invoice_end", staleBefore.toString()));
        return Scan.eachRow(this, scope, query, row -> {
            String name = row.path("name").asText();
            return Optional.of(new SiteFinding(scope.site(), SiteFinding.AUDIT, doctype() + " " + name,
                    Finding.raises(rule(), Severity.REVIEW,
                            "Subscription %s of %s has been Past Due since its period ended on %s".formatted(name,
                                    row.path("party").asText(), row.path("current_invoice_end").asText()),
                            Evidence.of("subscription", name, "party_type", row.path("party_type").asText(null),
                                    "party", row.path("party").asText(null), "current_invoice_end",
                                    row.path("current_invoice_end").asText(null), "stale_after_days",
                                    scope.settings().pastDueDays()))));
        });
    }
}
