package dev.sitesync.guard.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.sitesync.guard.domain.Verdict;
import dev.sitesync.guard.service.CreatedOrder;

/** A decision and the Sales Order it created on the site, as the storefront that placed it sees them. */
public record OrderResponse(UUID decisionId, Verdict verdict, String rulesetVersion, List<CallerFinding> findings,
        OffsetDateTime checkedAt, SalesOrderRef salesOrder) {

    /**
     * @param heldForReview true when the order waits as a draft with a hold note for someone to review it
     * @param paymentEntry the Payment Entry posted for an order paid before it was placed
     */
    public record SalesOrderRef(String name, int docstatus, String status, boolean heldForReview, String paymentEntry) {
    }

    static OrderResponse of(CreatedOrder created) {
        var d = created.decision();
        return new OrderResponse(d.decisionId(), d.verdict(), d.rulesetVersion(), CallerFinding.of(d.findings()),
                d.createdAt(), new SalesOrderRef(created.salesOrder(), created.docstatus(), created.status(),
                        created.heldForReview(), created.paymentEntry()));
    }
}
