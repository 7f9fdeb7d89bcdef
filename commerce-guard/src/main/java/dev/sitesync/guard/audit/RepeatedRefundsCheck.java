package dev.sitesync.guard.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Customers refunded again and again in the window: as many returns (submitted credit notes) and refunds (Payment
 * Entries paying money to the customer) as the threshold, or more. Each alone may be fine; a pattern is worth a look.
 */
final class RepeatedRefundsCheck implements AuditCheck {

    private static final int LISTED = 20;

    private record Refund(String doctype, String name, BigDecimal amount) {
    }

    @Override
    public String rule() {
        return "repeated-refunds";
    }

    @Override
    public String doctype() {
        return "Sales Invoice";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        String since = scope.since().toString();
        ListQuery returns = ListQuery.of("Sales Invoice").fields("name", "customer", "grand_total")
                .where(Filter.eq("docstatus", 1), Filter.eq("is_return", 1), Filter.ge("posting_date", since));
        ListQuery refunds = ListQuery.of("Payment Entry").fields("name", "party", "paid_amount")
                .where(Filter.eq("docstatus", 1), Filter.eq("payment_type", "Pay"), Filter.eq("party_type", "Customer"),
                        Filter.ge("posting_date", since));
        return Uni.combine().all().unis(Scan.all(scope, returns), Scan.all(scope, refunds)).asTuple().map(both -> {
            Map<String, List<Refund>> byCustomer = new TreeMap<>();
            for (ObjectNode row : both.getItem1()) {
                byCustomer.computeIfAbsent(row.path("customer").asText(), c -> new ArrayList<>()).add(new Refund(
                        "Sales Invoice", row.path("name").asText(), row.path("grand_total").decimalValue().abs()));
            }
            for (ObjectNode row : both.getItem2()) {
                byCustomer.computeIfAbsent(row.path("party").asText(), c -> new ArrayList<>())
                        .add(new Refund("Payment Entry", row.path("name").asText(), row.path("paid_amount").decimalValue()));
            }
            int threshold = scope.settings().refundsPerCustomer();
            List<SiteFinding> findings = new ArrayList<>();
            byCustomer.forEach((customer, made) -> {
                if (made.size() >= threshold) {
                    BigDecimal total = made.stream().map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    findings.add(new SiteFinding(scope.site(), SiteFinding.AUDIT, "Customer " + customer,
                            Finding.raises(rule(), Severity.REVIEW,
                                    "Customer %s was refunded %d times since %s, %s in all".formatted(customer,
                                            made.size(), scope.since(), total.toPlainString()),
                                    Evidence.of("customer", customer, "refunds", made.size(), "total", total,
                                            "since", scope.since().toString(), "threshold", threshold, "documents",
                                            made.stream().limit(LISTED).map(r -> r.doctype() + " " + r.name())
                                                    .toList()))));
                }
            });
            int examined = both.getItem1().size() + both.getItem2().size();
            return CheckResult.ok(this, examined, examined >= scope.settings().maxRows(), findings);
        });
    }
}
