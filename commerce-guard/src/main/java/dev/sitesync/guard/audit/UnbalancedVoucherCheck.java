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
 * Vouchers whose GL Entries in the window do not balance: debits and credits of one voucher must be equal. Every GL
 * Entry of the window is read (page by page) and summed per voucher before any voucher is judged, so a voucher whose
 * entries fall on several pages is judged whole.
 */
final class UnbalancedVoucherCheck implements AuditCheck {

    private record Voucher(String type, String name, BigDecimal debit, BigDecimal credit) {

        Voucher add(ObjectNode row) {
            return new Voucher(type, name, debit.add(row.path("debit").decimalValue()),
                    credit.add(row.path("credit").decimalValue()));
        }
    }

    @Override
    public String rule() {
        return "unbalanced-gl-voucher";
    }

    @Override
    public String doctype() {
        return "GL Entry";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery query = ListQuery.of(doctype()).fields("voucher_type", "voucher_no", "debit", "credit")
                .where(Filter.eq("is_cancelled", 0), Filter.ge("posting_date", scope.since().toString()));
        return Scan.all(scope, query).map(rows -> {
            Map<List<String>, Voucher> vouchers = new LinkedHashMap<>();
            for (ObjectNode row : rows) {
                List<String> key = List.of(row.path("voucher_type").asText(), row.path("voucher_no").asText());
                vouchers.computeIfAbsent(key, k -> new Voucher(k.get(0), k.get(1), BigDecimal.ZERO, BigDecimal.ZERO));
                vouchers.computeIfPresent(key, (k, voucher) -> voucher.add(row));
            }
            BigDecimal tolerance = scope.settings().glTolerance();
            List<SiteFinding> findings = vouchers.values().stream()
                    .filter(v -> v.debit().subtract(v.credit()).abs().compareTo(tolerance) > 0)
                    .map(v -> new SiteFinding(scope.site(), SiteFinding.AUDIT, v.type() + " " + v.name(),
                            Finding.raises(rule(), Severity.BLOCK,
                                    "%s %s posts %s debit against %s credit".formatted(v.type(), v.name(),
                                            v.debit().toPlainString(), v.credit().toPlainString()),
                                    Evidence.of("voucher_type", v.type(), "voucher_no", v.name(), "debit", v.debit(),
                                            "credit", v.credit(), "difference", v.debit().subtract(v.credit())))))
                    .toList();
            return CheckResult.ok(this, rows.size(), rows.size() >= scope.settings().maxRows(), findings);
        });
    }
}
