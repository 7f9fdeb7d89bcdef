package dev.sitesync.guard.audit;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/** Bins with less than nothing on hand: stock was issued that was never received, and valuations are off. */
final class NegativeStockCheck implements AuditCheck {

    @Override
    public String rule() {
        return "negative-stock";
    }

    @Override
    public String doctype() {
        return "Bin";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery query = ListQuery.of(doctype()).fields("item_code", "warehouse", "actual_qty", "projected_qty")
                .where(Filter.lt("actual_qty", 0));
        return Scan.eachRow(this, scope, query, row -> {
            String item = row.path("item_code").asText();
            String warehouse = row.path("warehouse").asText();
            return Optional.of(new SiteFinding(scope.site(), SiteFinding.AUDIT, "Bin " + item + " @ " + warehouse,
                    Finding.raises(rule(), Severity.BLOCK,
                            "%s in %s has %s on hand".formatted(item, warehouse,
                                    row.path("actual_qty").decimalValue().stripTrailingZeros().toPlainString()),
                            Evidence.of("item_code", item, "warehouse", warehouse, "actual_qty",
                                    row.path("actual_qty").decimalValue(), "projected_qty",
                                    row.path("projected_qty").decimalValue()))));
        });
    }
}
