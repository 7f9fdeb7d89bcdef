package dev.sitesync.guard.audit;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.GuardConfig;

/**
 * What an audit run looks at: one site, the documents since {@code since}, every row of each check's window read page
 * by page.
 */
public record AuditScope(String site, FrappeClient client, LocalDate today, GuardConfig.Audit settings) {

    public LocalDate since() {
        return today.minusDays(settings.lookbackDays());
    }

    /** The start of the window as the site's naive datetime, for {@code creation} filters. */
    public String sinceDateTime() {
        return FrappeDateTimes.format(since().atStartOfDay());
    }

    /**
     * Every row the query matches, page by page with a keyset cursor on {@code (modified, name)}, so rows sharing a
     * timestamp across a page boundary are neither lost nor read twice; at most {@code max-rows}, a bound against a
     * runaway window, which the check then reports as truncated.
     */
    public Multi<ObjectNode> rows(ListQuery query) {
        return client.stream(query, null, settings.pageSize()).select().first(settings.maxRows());
    }
}
