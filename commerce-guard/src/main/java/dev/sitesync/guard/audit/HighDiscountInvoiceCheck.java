package dev.sitesync.guard.audit;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Submitted Sales Invoices in the window with an additional discount, or a line discount, above the threshold: the
 * discounts that reached the ledger, whichever way they were entered.
 */
final class HighDiscountInvoiceCheck implements AuditCheck {

    private static final String[] FIELDS = {"name", "customer", "posting_date", "additional_discount_percentage",
            "discount_amount", "grand_total"};

    @Override
    public String rule() {
        return "high-discount-invoice";
    }

    @Override
    public String doctype() {
        return "Sales Invoice";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        BigDecimal threshold = scope.settings().discountPercent();
        ListQuery submitted = ListQuery.of(doctype()).fields(FIELDS)
                .where(Filter.eq("docstatus", 1), Filter.ge("posting_date", scope.since().toString()))
                .orderBy("posting_date asc, name asc").limit(0, scope.fetchLimit());
        Uni<List<ObjectNode>> onInvoice = scope.client().list(
                submitted.where(Filter.gt("additional_discount_percentage", threshold)));
        Uni<List<ObjectNode>> onLines = scope.client().list(
                submitted.where(Filter.gt("discount_percentage", threshold).on("Sales Invoice Item")));
        return Uni.combine().all().unis(onInvoice, onLines).asTuple().map(both -> {
            Map<String, ObjectNode> invoices = new LinkedHashMap<>();
            Rows.limited(both.getItem1(), scope).forEach(row -> invoices.put(row.path("name").asText(), row));
            Rows.limited(both.getItem2(), scope).forEach(row -> invoices.putIfAbsent(row.path("name").asText(), row));
            List<SiteFinding> findings = invoices.values().stream().map(row -> finding(scope, row, threshold)).toList();
            boolean truncated = Rows.truncated(both.getItem1(), scope) || Rows.truncated(both.getItem2(), scope);
            return CheckResult.ok(this, invoices.size(), truncated, findings);
        });
    }

    private SiteFinding finding(AuditScope scope, ObjectNode row, BigDecimal threshold) {
        String name = row.path("name").asText();
        return new SiteFinding(scope.site(), SiteFinding.AUDIT, doctype() + " " + name,
                Finding.raises(rule(), Severity.REVIEW,
                        "Sales Invoice %s was submitted with a discount above %s%%".formatted(name,
                                threshold.toPlainString()),
                        Evidence.of("sales_invoice", name, "customer", row.path("customer").asText(null),
                                "posting_date", row.path("posting_date").asText(null),
                                "additional_discount_percentage", row.path("additional_discount_percentage").decimalValue(),
                                "discount_amount", row.path("discount_amount").decimalValue(), "grand_total",
                                row.path("grand_total").decimalValue(), "threshold_percent", threshold)));
    }
}
