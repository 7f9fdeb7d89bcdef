package dev.sitesync.guard.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.domain.StockTurnover;

/**
 * A site's stock turnover over a period, from its Stock Ledger Entries since the period began and its Bins' stock value
 * today, all read page by page. A site that does not let the guard read them gives a skipped turnover, not a failure.
 */
@Singleton
public class StockLedger {

    private final SiteDirectory sites;
    private final int pageSize;

    public StockLedger(SiteDirectory sites, GuardConfig config) {
        this.sites = sites;
        this.pageSize = config.audit().pageSize();
    }

    public Uni<StockTurnover> turnover(String site, LocalDate from, LocalDate to) {
        FrappeClient client = sites.client(site);
        ListQuery bins = ListQuery.of("Bin").fields("stock_value");
        ListQuery ledger = ListQuery.of("Stock Ledger Entry")
                .fields("posting_date", "actual_qty", "stock_value_difference")
                .where(Filter.eq("is_cancelled", 0), Filter.ge("posting_date", from.toString()));
        Uni<BigDecimal> valueNow = client.stream(bins, null, pageSize)
                .map(bin -> bin.path("stock_value").decimalValue())
                .collect().with(Collectors.reducing(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal[] changes = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        String end = to.toString();
        Uni<BigDecimal[]> moved = client.stream(ledger, null, pageSize).invoke(entry -> add(entry, end, changes))
                .collect().last().replaceWith(changes);
        return Uni.combine().all().unis(valueNow, moved).asTuple()
                .map(both -> StockTurnover.of(both.getItem1(), changes[0], changes[1], changes[2]))
                .onFailure(FrappeException.class).recoverWithItem(failure -> {
                    FrappeErrorKind kind = ((FrappeException) failure).kind();
                    if (kind != FrappeErrorKind.PERMISSION && kind != FrappeErrorKind.NOT_FOUND) {
                        throw (FrappeException) failure;
                    }
                    return StockTurnover.skipped("The site does not let commerce-guard read its stock ledger (" + kind + ")");
                });
    }

    /** Adds an entry's value change to after the period [0], during it [1], and to what left stock during it [2]. */
    private static void add(ObjectNode entry, String end, BigDecimal[] changes) {
        BigDecimal change = entry.path("stock_value_difference").decimalValue();
        if (entry.path("posting_date").asText().compareTo(end) > 0) {
            changes[0] = changes[0].add(change);
            return;
        }
        changes[1] = changes[1].add(change);
        if (entry.path("actual_qty").decimalValue().signum() < 0) {
            changes[2] = changes[2].add(change);
        }
    }
}
