package dev.sitesync.guard.domain.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.OrderTotals;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * An order may ask to be submitted (docstatus 1) only with a payment the guard itself received from the provider,
 * signed, in the order's currency and covering its grand total. Drafts wait for the payment callback instead.
 */
public final class UnpaidSubmitRule implements OrderRule {

    public static final String NAME = "submit-without-payment";

    private final RuleSeverity severity;
    private final BigDecimal tolerance;

    public UnpaidSubmitRule(RuleSeverity severity, BigDecimal tolerance) {
        this.severity = severity;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Evidence.of("severity", severity.value(), "tolerance", tolerance);
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        if (!order.asksToSubmit()) {
            return List.of();
        }
        if (facts.payment().isEmpty()) {
            return List.of(Finding.raises(NAME, severity.value(),
                    "The order asks to be submitted without a confirmed payment; send it as a draft and let the payment callback submit it",
                    Evidence.of("docstatus", 1)));
        }
        ConfirmedPayment payment = facts.payment().get();
        BigDecimal due = OrderTotals.of(order).grandTotal();
        boolean sameCurrency = order.currency() == null || order.currency().equals(payment.currency());
        if (!sameCurrency || payment.amount().add(tolerance).compareTo(due) < 0) {
            return List.of(Finding.raises(NAME, severity.value(),
                    "Payment %s of %s %s does not cover the order's %s %s".formatted(payment.transactionId(),
                            payment.amount().toPlainString(), payment.currency(), due.toPlainString(), order.currency()),
                    Evidence.of("provider", payment.provider(), "transaction_id", payment.transactionId(), "paid",
                            payment.amount(), "paid_currency", payment.currency(), "grand_total", due, "currency",
                            order.currency())));
        }
        return List.of();
    }
}
