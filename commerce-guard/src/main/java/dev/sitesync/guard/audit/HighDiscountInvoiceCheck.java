package dev.sitesync.guard.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Submitted Sales Invoices in the window whose discount, however it was entered, is above the threshold: an additional
 * discount as a percentage or only as an amount, a line discount as a percentage or only as an amount (and, on those
 * invoices, a rate below the price list rate). Frappe's filters cannot compare columns, so every invoice with any
 * discount is read whole and its discounts measured here.
 */
final class HighDiscountInvoiceCheck implements AuditCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int CONCURRENCY = 4;

    private record Discount(BigDecimal percent, String given) {
    }

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
        ListQuery submitted = ListQuery.of(doctype()).fields("name")
                .where(Filter.eq("docstatus", 1), Filter.ge("posting_date", scope.since().toString()));
        String item = "Sales Invoice Item";
        List<ListQuery> discounted = List.of(submitted.where(Filter.gt("additional_discount_percentage", 0)),
                submitted.where(Filter.gt("discount_amount", 0)),
                submitted.where(Filter.gt("discount_percentage", 0).on(item)),
                submitted.where(Filter.gt("discount_amount", 0).on(item)));
        BigDecimal threshold = scope.settings().discountPercent();
        TreeSet<String> candidates = new TreeSet<>();
        return Multi.createFrom().iterable(discounted)
                .onItem().transformToMultiAndConcatenate(scope::rows)
                .invoke(row -> candidates.add(row.path("name").asText()))
                .collect().last()
                .flatMap(done -> Multi.createFrom().iterable(List.copyOf(candidates))
                        .onItem().transformToUni(name -> scope.client().get(doctype(), name)).merge(CONCURRENCY)
                        .map(invoice -> judge(scope, invoice, threshold))
                        .collect().in(ArrayList<SiteFinding>::new, (found, finding) -> finding.ifPresent(found::add)))
                .map(found -> CheckResult.ok(this, candidates.size(), candidates.size() >= scope.settings().maxRows(),
                        found));
    }

    private Optional<SiteFinding> judge(AuditScope scope, ObjectNode invoice, BigDecimal threshold) {
        Discount largest = additional(invoice);
        for (JsonNode line : invoice.path("items")) {
            Discount onLine = onLine(line);
            largest = onLine.percent().compareTo(largest.percent()) > 0 ? onLine : largest;
        }
        if (largest.percent().compareTo(threshold) <= 0) {
            return Optional.empty();
        }
        String name = invoice.path("name").asText();
        return Optional.of(new SiteFinding(scope.site(), SiteFinding.AUDIT, doctype() + " " + name,
                Finding.raises(rule(), Severity.REVIEW,
                        "Sales Invoice %s was submitted with a %s%% discount (%s), above %s%%".formatted(name,
                                largest.percent().toPlainString(), largest.given(), threshold.toPlainString()),
                        Evidence.of("sales_invoice", name, "customer", invoice.path("customer").asText(null),
                                "posting_date", invoice.path("posting_date").asText(null), "discount_percent",
                                largest.percent(), "given_as", largest.given(), "additional_discount_percentage",
                                invoice.path("additional_discount_percentage").decimalValue(), "discount_amount",
                                invoice.path("discount_amount").decimalValue(), "grand_total",
                                invoice.path("grand_total").decimalValue(), "threshold_percent", threshold))));
    }

    /** The additional discount as a share of what it was taken from, given as a percentage or only as an amount. */
    private static Discount additional(ObjectNode invoice) {
        BigDecimal stated = invoice.path("additional_discount_percentage").decimalValue();
        BigDecimal amount = invoice.path("discount_amount").decimalValue();
        BigDecimal base = "Net Total".equals(invoice.path("apply_discount_on").asText())
                ? invoice.path("total").decimalValue()
                : invoice.path("grand_total").decimalValue().add(amount);
        BigDecimal fromAmount = percent(amount, base);
        return fromAmount.compareTo(stated) > 0
                ? new Discount(fromAmount, "additional discount amount")
                : new Discount(stated, "additional discount percentage");
    }

    /** A line's discount: stated as a percentage, as an amount per unit, or as a rate below its price list rate. */
    private static Discount onLine(JsonNode line) {
        BigDecimal listed = line.path("price_list_rate").decimalValue();
        Discount stated = new Discount(line.path("discount_percentage").decimalValue(), "line discount percentage");
        Discount amount = new Discount(percent(line.path("discount_amount").decimalValue(), listed),
                "line discount amount");
        Discount rate = new Discount(listed.signum() > 0
                ? percent(listed.subtract(line.path("rate").decimalValue()), listed)
                : BigDecimal.ZERO, "line rate below its price list rate");
        Discount largest = amount.percent().compareTo(stated.percent()) > 0 ? amount : stated;
        return rate.percent().compareTo(largest.percent()) > 0 ? rate : largest;
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() > 0 ? part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP) : BigDecimal.ZERO;
    }
}
