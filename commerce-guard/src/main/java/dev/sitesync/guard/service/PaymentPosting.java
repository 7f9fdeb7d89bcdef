package dev.sitesync.guard.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.client.SitePayments;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.domain.Verdict;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.FindingStore;
import dev.sitesync.guard.store.PaymentEvent;
import dev.sitesync.guard.store.ReviewStore;
import dev.sitesync.guard.store.SiteFinding;
import dev.sitesync.guard.store.StoredDecision;

/**
 * Posts a confirmed payment against its Sales Order. The amount and currency must match what the site says the order
 * costs, or nothing is posted and the finding says why. An order the guard passed is submitted first (ERPNext takes a
 * Payment Entry only against a submitted Sales Order), and only if its stock is still there; then the Payment Entry is
 * posted, once per transaction and customer even across retries. An order held for review, or whose stock was promised
 * to others meanwhile (then it joins the review queue), keeps its payment unposted until a person decides; an order a
 * reviewer approved counts as passed.
 */
@Singleton
public class PaymentPosting {

    public static final String AMOUNT_MISMATCH = "payment-amount-mismatch";
    public static final String ORDER_NOT_PAYABLE = "payment-order-not-payable";

    private static final Logger LOG = Logger.getLogger(PaymentPosting.class);

    /** What posting did. */
    public record Posted(PaymentOutcome outcome, String paymentEntry, boolean submitted, List<Finding> findings) {

        static Posted review(Finding finding) {
            return new Posted(PaymentOutcome.REVIEW, null, false, List.of(finding));
        }

        static Posted held(List<Finding> findings) {
            return new Posted(PaymentOutcome.HELD, null, false, findings);
        }

        static Posted posted(String paymentEntry) {
            return new Posted(PaymentOutcome.POSTED, paymentEntry, true, List.of());
        }
    }

    private final SiteDirectory sites;
    private final SiteOrders orders;
    private final SitePayments entries;
    private final DecisionStore decisions;
    private final StockCheckedSubmit submits;
    private final FindingStore findings;
    private final ReviewStore reviews;
    private final GuardMetrics metrics;
    private final GuardConfig config;

    public PaymentPosting(SiteDirectory sites, SiteOrders orders, SitePayments entries, DecisionStore decisions,
            StockCheckedSubmit submits, FindingStore findings, ReviewStore reviews, GuardMetrics metrics,
            GuardConfig config) {
        this.sites = sites;
        this.orders = orders;
        this.entries = entries;
        this.decisions = decisions;
        this.submits = submits;
        this.findings = findings;
        this.reviews = reviews;
        this.metrics = metrics;
        this.config = config;
    }

    public Uni<Posted> post(String site, String salesOrder, ConfirmedPayment payment) {
        return orders.get(site, salesOrder)
                .flatMap(order -> {
                    Optional<Finding> refusal = refusal(order, payment);
                    if (refusal.isPresent()) {
                        return Uni.createFrom().item(Posted.review(refusal.get()));
                    }
                    SitePayments.Receipt receipt = receipt(site, order, payment);
                    if (order.path("docstatus").asInt() == 1) {
                        return entries.postOnce(site, receipt).map(Posted::posted);
                    }
                    return decisions.findBySalesOrder(site, salesOrder).flatMap(decision -> passed(decision)
                            .flatMap(passed -> passed
                                    ? submitThenPost(site, decision.get(), order, receipt)
                                    : held(site, salesOrder)));
                })
                .onFailure(FrappeException.class).recoverWithUni(failure -> {
                    if (((FrappeException) failure).kind() != FrappeErrorKind.NOT_FOUND) {
                        return Uni.createFrom().failure(failure);
                    }
                    return Uni.createFrom().item(Posted.review(Finding.raises(ORDER_NOT_PAYABLE, Severity.REVIEW,
                            "Sales Order %s does not exist on site %s".formatted(salesOrder, site),
                            Evidence.of("site", site, "sales_order", salesOrder, "transaction_id",
                                    payment.transactionId()))));
                });
    }

    /** The Payment Entry already on the site for this payment of the order's customer, if there is one. */
    public Uni<Optional<ObjectNode>> entryFor(String site, String salesOrder, ConfirmedPayment payment) {
        return orders.get(site, salesOrder).flatMap(order -> entries.find(site, receipt(site, order, payment)));
    }

    /**
     * Keeps what a payment's handling found, as findings about the payment, and counts them. A payment that names no
     * site has no site to file them under: its callback's stored result and the log keep them.
     */
    public Uni<Void> keep(String site, String provider, String transactionId, List<Finding> found) {
        if (site == null) {
            found.forEach(f -> LOG.warnf("Payment %s %s: %s", provider, transactionId, f.message()));
            return Uni.createFrom().voidItem();
        }
        metrics.found("payment", site, found);
        return findings.record(found.stream()
                .map(f -> new SiteFinding(site, SiteFinding.PAYMENT, "Payment %s %s".formatted(provider, transactionId), f))
                .toList()).replaceWithVoid();
    }

    /** The finding for a payment the site refused to post (a validation error): someone has to look at it. */
    static Finding refusedBySite(PaymentEvent event, FrappeException refusal) {
        return Finding.raises(ORDER_NOT_PAYABLE, Severity.REVIEW,
                "Site %s refused to post the payment for %s: %s".formatted(event.site(), event.salesOrder(),
                        refusal.getMessage()),
                Evidence.of("sales_order", event.salesOrder(), "transaction_id", event.transactionId(), "site_error",
                        refusal.kind().name(), "status", refusal.status()));
    }

    /**
     * Posts a held payment for an order a reviewer approved: the order is submitted if its stock is there (HELD, with
     * the shortages, if not), then the payment posted.
     */
    public Uni<Posted> postApproved(String site, StoredDecision decision, ConfirmedPayment payment) {
        return orders.get(site, decision.salesOrder()).flatMap(order -> {
            SitePayments.Receipt receipt = receipt(site, order, payment);
            return order.path("docstatus").asInt() == 1
                    ? entries.postOnce(site, receipt).map(Posted::posted)
                    : submitThenPost(site, decision, order, receipt);
        });
    }

    /** The guard passed the order, or a person approved it after it was held. */
    private Uni<Boolean> passed(Optional<StoredDecision> decision) {
        if (decision.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return decision.get().verdict() == Verdict.PASS
                ? Uni.createFrom().item(true)
                : reviews.approved(decision.get().decisionId());
    }

    private Uni<Posted> submitThenPost(String site, StoredDecision decision, ObjectNode order,
            SitePayments.Receipt receipt) {
        return submits.submit(site, order).flatMap(outcome -> {
            if (!outcome.submitted()) {
                String name = order.path("name").asText();
                LOG.infof("Sales Order %s on %s is paid but short of stock; it is held, the payment not posted", name,
                        site);
                return reviews.hold(decision.decisionId(), site, name, StockCheckedSubmit.HOLD_REASON,
                        outcome.shortages().stream().map(Finding::rule).distinct().toList())
                        .replaceWith(Posted.held(outcome.shortages()));
            }
            return entries.postOnce(site, receipt).map(Posted::posted);
        });
    }

    private static Uni<Posted> held(String site, String salesOrder) {
        LOG.infof("Sales Order %s on %s is paid but not passed by the guard; the payment waits for its review",
                salesOrder, site);
        return Uni.createFrom().item(Posted.held(List.of()));
    }

    /** Why the payment cannot be posted against the order as it stands on the site, if it cannot. */
    private Optional<Finding> refusal(ObjectNode order, ConfirmedPayment payment) {
        String name = order.path("name").asText();
        if (order.path("docstatus").asInt() == 2) {
            return Optional.of(Finding.raises(ORDER_NOT_PAYABLE, Severity.REVIEW,
                    "Sales Order %s is cancelled; the payment needs a refund or another order".formatted(name),
                    Evidence.of("sales_order", name, "docstatus", 2, "transaction_id", payment.transactionId())));
        }
        BigDecimal due = order.path("rounded_total").decimalValue().signum() > 0
                ? order.path("rounded_total").decimalValue()
                : order.path("grand_total").decimalValue();
        String currency = order.path("currency").asText("");
        BigDecimal tolerance = Optional.ofNullable(config.paymentProviders().get(payment.provider()))
                .map(GuardConfig.PaymentProvider::amountTolerance).orElse(BigDecimal.ZERO);
        boolean sameCurrency = currency.isEmpty() || currency.equals(payment.currency());
        if (!sameCurrency || payment.amount().subtract(due).abs().compareTo(tolerance) > 0) {
            return Optional.of(Finding.raises(AMOUNT_MISMATCH, Severity.REVIEW,
                    "Paid %s %s for Sales Order %s, which is %s %s".formatted(payment.amount().toPlainString(),
                            payment.currency(), name, due.toPlainString(), currency),
                    Evidence.of("sales_order", name, "transaction_id", payment.transactionId(), "paid",
                            payment.amount(), "paid_currency", payment.currency(), "due", due, "currency", currency,
                            "tolerance", tolerance)));
        }
        return Optional.empty();
    }

    private SitePayments.Receipt receipt(String site, ObjectNode order, ConfirmedPayment payment) {
        Optional<String> modeOfPayment = Optional.ofNullable(config.paymentProviders().get(payment.provider()))
                .flatMap(GuardConfig.PaymentProvider::modeOfPayment);
        return new SitePayments.Receipt(order.path("company").asText(), order.path("customer").asText(),
                order.path("name").asText(), payment.amount(), payment.currency(), payment.provider(),
                payment.transactionId(), modeOfPayment.orElse(null),
                "Received through %s, transaction %s".formatted(payment.provider(), payment.transactionId()),
                LocalDate.now(sites.config(site).timeZone()));
    }
}
