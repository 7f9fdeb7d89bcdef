package dev.sitesync.guard.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * Vouchers whose GL Entries in the window do not balance: debits and credits of one voucher must be equal. Rows are
 * read in voucher order, so when a run is truncated only the last voucher can be incomplete, and it is left for the
 * next run rather than reported as unbalanced.
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
                .where(Filter.eq("is_cancelled", 0), Filter.ge("posting_date", scope.since().toString()))
                .orderBy("voucher_type asc, voucher_no asc, name asc").limit(0, scope.fetchLimit());
        return scope.client().list(query).map(rows -> {
            Map<List<String>, Voucher> vouchers = new LinkedHashMap<>();
            for (ObjectNode row : Rows.limited(rows, scope)) {
                List<String> key = List.of(row.path("voucher_type").asText(), row.path("voucher_no").asText());
                vouchers.computeIfAbsent(key, k -> new Voucher(k.get(0), k.get(1), BigDecimal.ZERO, BigDecimal.ZERO));
                vouchers.computeIfPresent(key, (k, voucher) -> voucher.add(row));
            }
            boolean truncated = Rows.truncated(rows, scope);
            List<Voucher> complete = new ArrayList<>(vouchers.values());
            if (truncated && !complete.isEmpty()) {
                complete.remove(complete.size() - 1);
            }
            BigDecimal tolerance = scope.settings().glTolerance();
            List<SiteFinding> findings = complete.stream()
                    .filter(v -> v.debit().subtract(v.credit()).abs().compareTo(tolerance) > 0)
                    .map(v -> new SiteFinding(scope.site(), SiteFinding.AUDIT, v.type() + " " + v.name(),
                            Finding.raises(rule(), Severity.BLOCK,
                                    "%s %s posts %s debit against %s credit".formatted(v.type(), v.name(),
                                            v.debit().toPlainString(), v.credit().toPlainString()),
                                    Evidence.of("voucher_type", v.type(), "voucher_no", v.name(), "debit", v.debit(),
                                            "credit", v.credit(), "difference", v.debit().subtract(v.credit())))))
                    .toList();
            return CheckResult.ok(this, Rows.limited(rows, scope).size(), truncated, findings);
        });
    }
}
