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
import dev.sitesync.guard.store.PaymentEvent;
import dev.sitesync.guard.store.StoredDecision;

/**
 * Posts a confirmed payment against its Sales Order: the amount and currency must match what the site says the order
 * costs, then the Payment Entry is posted (once per transaction, even across retries) and the order is submitted if the
 * guard passed it. Anything that does not match is a review finding and nothing is posted.
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
    }

    private final SiteDirectory sites;
    private final SiteOrders orders;
    private final SitePayments entries;
    private final DecisionStore decisions;
    private final GuardConfig config;

    public PaymentPosting(SiteDirectory sites, SiteOrders orders, SitePayments entries, DecisionStore decisions,
            GuardConfig config) {
        this.sites = sites;
        this.orders = orders;
        this.entries = entries;
        this.decisions = decisions;
        this.config = config;
    }

    public Uni<Posted> post(String site, String salesOrder, ConfirmedPayment payment) {
        return orders.get(site, salesOrder)
                .flatMap(order -> {
                    Optional<Finding> refusal = refusal(order, payment);
                    if (refusal.isPresent()) {
                        return Uni.createFrom().item(Posted.review(refusal.get()));
                    }
                    return entries.postOnce(site, receipt(site, order, payment))
                            .flatMap(entry -> submitIfPassed(site, order, entry));
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

    /** The finding for a payment the site refused to post (a validation error): someone has to look at it. */
    static Finding refusedBySite(PaymentEvent event, FrappeException refusal) {
        return Finding.raises(ORDER_NOT_PAYABLE, Severity.REVIEW,
                "Site %s refused to post the payment for %s: %s".formatted(event.site(), event.salesOrder(),
                        refusal.getMessage()),
                Evidence.of("sales_order", event.salesOrder(), "transaction_id", event.transactionId(), "site_error",
                        refusal.kind().name(), "status", refusal.status()));
    }

    private Uni<Posted> submitIfPassed(String site, ObjectNode order, String entry) {
        String name = order.path("name").asText();
        if (order.path("docstatus").asInt() == 1) {
            return Uni.createFrom().item(new Posted(PaymentOutcome.POSTED, entry, true, List.of()));
        }
        return decisions.findBySalesOrder(site, name).flatMap(decision -> {
            if (decision.map(StoredDecision::verdict).orElse(null) != Verdict.PASS) {
                LOG.infof("Payment Entry %s posted for %s on %s; the order stays a draft (not passed by the guard)",
                        entry, name, site);
                return Uni.createFrom().item(new Posted(PaymentOutcome.POSTED_ORDER_HELD, entry, false, List.of()));
            }
            return orders.submit(site, name)
                    .flatMap(submitted -> decisions.markSubmitted(site, name))
                    .replaceWith(new Posted(PaymentOutcome.POSTED, entry, true, List.of()));
        });
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
        BigDecimal tolerance = config.paymentProviders().get(payment.provider()).amountTolerance();
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
        GuardConfig.PaymentProvider provider = config.paymentProviders().get(payment.provider());
        return new SitePayments.Receipt(order.path("company").asText(), order.path("customer").asText(),
                order.path("name").asText(), payment.amount(), payment.currency(), payment.transactionId(),
                provider.modeOfPayment().orElse(null),
                "Received through %s, transaction %s".formatted(payment.provider(), payment.transactionId()),
                LocalDate.now(sites.config(site).timeZone()));
    }
}
