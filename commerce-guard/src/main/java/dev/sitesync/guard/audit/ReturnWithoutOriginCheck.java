package dev.sitesync.guard.audit;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Returns (credit notes: submitted Sales Invoices with {@code is_return}) in the window that name no invoice they
 * return: money went back against nothing, and nothing ties the goods back to a sale.
 */
final class ReturnWithoutOriginCheck implements AuditCheck {

    @Override
    public String rule() {
        return "return-without-origin";
    }

    @Override
    public String doctype() {
        return "Sales Invoice";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery query = ListQuery.of(doctype()).fields("name", "customer", "posting_date", "grand_total", "owner")
                .where(Filter.eq("docstatus", 1), Filter.eq("is_return", 1), Filter.isNotSet("return_against"),
                        Filter.ge("posting_date", scope.since().toString()));
        return Scan.eachRow(this, scope, query, row -> {
            String name = row.path("name").asText();
            return Optional.of(new SiteFinding(scope.site(), SiteFinding.AUDIT, doctype() + " " + name,
                    Finding.raises(rule(), Severity.REVIEW,
                            "Return %s of %s names no invoice it returns".formatted(name, row.path("customer").asText()),
                            Evidence.of("sales_invoice", name, "customer", row.path("customer").asText(null),
                                    "posting_date", row.path("posting_date").asText(null), "grand_total",
                                    row.path("grand_total").decimalValue(), "owner", row.path("owner").asText(null)))));
        });
    }
}
