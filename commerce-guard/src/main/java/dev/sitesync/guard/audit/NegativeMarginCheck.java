package dev.sitesync.guard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.guard.client.SiteOrderReader;
import dev.sitesync.guard.client.SiteOrderReader.PastOrder;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.rules.NegativeMarginRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.service.FactsGatherer;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Submitted Sales Orders in the window with a line sold below its valuation rate: the order check's own rule, run over
 * what reached the site by any route, against the Bins' current valuation rates.
 */
final class NegativeMarginCheck implements AuditCheck {

    private static final int CONCURRENCY = 4;

    private final SiteOrderReader reader;
    private final FactsGatherer facts;
    private final OrderRule rule = new NegativeMarginRule(RuleSeverity.review());

    NegativeMarginCheck(SiteOrderReader reader, FactsGatherer facts) {
        this.reader = reader;
        this.facts = facts;
    }

    @Override
    public String rule() {
        return NegativeMarginRule.NAME;
    }

    @Override
    public String doctype() {
        return "Sales Order";
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        return reader.names(scope.site(), scope.fetchLimit(), Filter.eq("docstatus", 1),
                Filter.ge("transaction_date", scope.since().toString()))
                .flatMap(names -> {
                    boolean truncated = names.size() > scope.settings().maxRows();
                    List<String> used = truncated ? names.subList(0, scope.settings().maxRows()) : names;
                    return reader.read(scope.site(), used, CONCURRENCY)
                            .flatMap(orders -> Multi.createFrom().iterable(orders)
                                    .onItem().transformToUniAndConcatenate(order -> findings(scope, order))
                                    .collect().in(ArrayList<SiteFinding>::new, List::addAll))
                            .map(found -> CheckResult.ok(this, used.size(), truncated, found));
                });
    }

    private Uni<List<SiteFinding>> findings(AuditScope scope, PastOrder past) {
        return facts.forReplay(scope.site(), past.order(), past.createdOn())
                .map(known -> rule.check(past.order(), known).stream()
                        .map(finding -> new SiteFinding(scope.site(), SiteFinding.AUDIT,
                                "Sales Order " + past.name() + " " + finding.evidence().get("item_code"),
                                finding.about("Sales Order " + past.name(), Map.of("sales_order", past.name()))))
                        .toList());
    }
}
