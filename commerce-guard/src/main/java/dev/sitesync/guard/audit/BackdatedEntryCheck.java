package dev.sitesync.guard.audit;

import java.time.LocalDate;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Documents created in the window whose transaction or posting date lies before the day they were created (less a
 * tolerance): entries slipped into a past, possibly closed, period. Frappe's filters cannot compare two columns, so the
 * comparison is made here.
 */
final class BackdatedEntryCheck implements AuditCheck {

    private final String doctype;
    private final String dateField;

    BackdatedEntryCheck(String doctype, String dateField) {
        this.doctype = doctype;
        this.dateField = dateField;
    }

    @Override
    public String rule() {
        return "backdated-entry";
    }

    @Override
    public String doctype() {
        return doctype;
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery query = ListQuery.of(doctype).fields("name", dateField, "creation", "owner")
                .where(Filter.ge("creation", scope.sinceDateTime()), Filter.ne("docstatus", 2));
        int tolerance = scope.settings().backdatedToleranceDays();
        return Scan.eachRow(this, scope, query, row -> {
            String date = row.path(dateField).asText("");
            String creation = row.path("creation").asText("");
            if (date.isEmpty() || creation.isEmpty()) {
                return Optional.empty();
            }
            LocalDate created = FrappeDateTimes.parse(creation).toLocalDate();
            LocalDate dated = FrappeDateTimes.parseDate(date);
            if (!dated.isBefore(created.minusDays(tolerance))) {
                return Optional.empty();
            }
            String name = row.path("name").asText();
            return Optional.of(new SiteFinding(scope.site(), SiteFinding.AUDIT, doctype + " " + name,
                    Finding.raises(rule(), Severity.REVIEW,
                            "%s %s is dated %s but was created on %s".formatted(doctype, name, dated, created),
                            Evidence.of("doctype", doctype, "name", name, "field", dateField, "date", dated.toString(),
                                    "created_on", created.toString(), "owner", row.path("owner").asText(null),
                                    "tolerance_days", tolerance))));
        });
    }
}
