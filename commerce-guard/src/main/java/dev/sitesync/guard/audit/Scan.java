package dev.sitesync.guard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.store.SiteFinding;

/** A check that judges each row of its window on its own: every row is read, page by page, and judged as it comes. */
final class Scan {

    private Scan() {
    }

    static Uni<CheckResult> eachRow(AuditCheck check, AuditScope scope, ListQuery query,
            Function<ObjectNode, Optional<SiteFinding>> judge) {
        int[] examined = {0};
        return scope.rows(query)
                .invoke(row -> examined[0]++)
                .map(judge)
                .collect().in(ArrayList<SiteFinding>::new, (found, finding) -> finding.ifPresent(found::add))
                .map(found -> CheckResult.ok(check, examined[0], examined[0] >= scope.settings().maxRows(), found));
    }

    /** Every row of the query, for checks that judge rows together (a voucher's GL entries). */
    static Uni<List<ObjectNode>> all(AuditScope scope, ListQuery query) {
        return scope.rows(query).collect().asList();
    }
}
