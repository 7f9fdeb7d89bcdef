package dev.sitesync.guard.audit;

import java.time.LocalDate;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.guard.config.GuardConfig;

/**
 * What an audit run looks at: one site, the documents since {@code since}, at most {@code maxRows} per check.
 */
public record AuditScope(String site, FrappeClient client, LocalDate today, GuardConfig.Audit settings) {

    public LocalDate since() {
        return today.minusDays(settings.lookbackDays());
    }

    /** The start of the window as the site's naive datetime, for {@code creation} filters. */
    public String sinceDateTime() {
        return FrappeDateTimes.format(since().atStartOfDay());
    }

    /** One more than the rows a check uses, so a check knows when there were more. */
    public int fetchLimit() {
        return settings.maxRows() + 1;
    }
}
