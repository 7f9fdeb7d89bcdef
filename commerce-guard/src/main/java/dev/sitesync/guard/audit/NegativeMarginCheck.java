package dev.sitesync.guard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.client.SiteOrderReader;
import dev.sitesync.guard.client.SiteOrderReader.PastOrder;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.rules.NegativeMarginRule;
import dev.sitesync.guard.domain.rules.RuleSeverity;
import dev.sitesync.guard.service.FactsGatherer;
import dev.sitesync.guard.store.SiteFinding;

/**
 * Submitted Sales Orders in the window with a line sold below its valuation rate: the order check's own rule, run over
 * what reached the site by any route, against the Bins' current valuation rates. Every order of the window is read,
 * a page of names at a time.
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
        return SiteOrders.DOCTYPE;
    }

    @Override
    public Uni<CheckResult> run(AuditScope scope) {
        ListQuery submitted = ListQuery.of(doctype()).fields("name")
                .where(Filter.eq("docstatus", 1), Filter.ge("transaction_date", scope.since().toString()));
        int[] examined = {0};
        return scope.rows(submitted)
                .map(row -> row.path("name").asText())
                .group().intoLists().of(scope.settings().pageSize())
                .onItem().transformToUniAndConcatenate(names -> reader.read(scope.site(), names, CONCURRENCY))
                .onItem().transformToUniAndConcatenate(orders -> {
                    examined[0] += orders.size();
                    List<Uni<List<SiteFinding>>> judged = orders.stream().map(order -> findings(scope, order)).toList();
                    return judged.isEmpty()
                            ? Uni.createFrom().item(List.<SiteFinding>of())
                            : Uni.join().all(judged).andFailFast().map(lists -> {
                                List<SiteFinding> all = new ArrayList<>();
                                lists.forEach(all::addAll);
                                return all;
                            });
                })
                .collect().in(ArrayList<SiteFinding>::new, List::addAll)
                .map(found -> CheckResult.ok(this, examined[0], examined[0] >= scope.settings().maxRows(), found));
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
