package dev.sitesync.guard.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.client.SiteOrders;
import dev.sitesync.guard.config.RuleSets;
import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.Evaluation;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Mode;
import dev.sitesync.guard.domain.OrderContext;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderLimits;
import dev.sitesync.guard.domain.OrderTotals;
import dev.sitesync.guard.domain.PaymentReference;
import dev.sitesync.guard.domain.RuleSet;
import dev.sitesync.guard.domain.SalesOrder;
import dev.sitesync.guard.domain.Severity;
import dev.sitesync.guard.domain.Verdict;
import dev.sitesync.guard.store.DecisionStore;
import dev.sitesync.guard.store.PaymentEventStore;
import dev.sitesync.guard.store.ReviewStore;
import dev.sitesync.guard.store.StoredDecision;
import dev.sitesync.support.problem.ProblemException;

/**
 * Checks orders against the active rule set and stores every decision; creates the Sales Orders that pass (a draft
 * awaiting payment) or need review (a draft with a hold note). An order paid before it was placed is submitted at
 * once, with its Payment Entry.
 */
@Singleton
public class OrderGuard {

    private static final Logger LOG = Logger.getLogger(OrderGuard.class);
    private static final int MAX_HOLD_NOTE = 1000;
    /** Why an order joins the review queue when its verdict is REVIEW. */
    public static final String HOLD_REASON = "review";

    private final RuleSets ruleSets;
    private final FactsGatherer facts;
    private final DecisionStore decisions;
    private final PaymentEventStore payments;
    private final SiteOrders orders;
    private final PaymentPosting posting;
    private final ReviewStore reviews;
    private final GuardMetrics metrics;
    private final ObjectMapper json;

    public OrderGuard(RuleSets ruleSets, FactsGatherer facts, DecisionStore decisions, PaymentEventStore payments,
            SiteOrders orders, PaymentPosting posting, ReviewStore reviews, GuardMetrics metrics, ObjectMapper json) {
        this.ruleSets = ruleSets;
        this.facts = facts;
        this.decisions = decisions;
        this.payments = payments;
        this.orders = orders;
        this.posting = posting;
        this.reviews = reviews;
        this.metrics = metrics;
        this.json = json;
    }

    /** Checks the order and stores the decision. */
    public Uni<StoredDecision> check(String site, SalesOrder order, OrderContext context, String caller) {
        refuseWhatNoSiteStores(order);
        RuleSet rules = ruleSets.active();
        OrderFacts gate = facts.forGate(site, order, context, caller);
        Uni<Evaluation> evaluation = rules.gate(order, gate).map(blocked -> Uni.createFrom().item(blocked))
                .orElseGet(() -> facts.forCheck(site, order, context, gate).map(known -> rules.evaluate(order, known)));
        return evaluation.flatMap(decided -> store(site, order, context, caller, decided));
    }

    /**
     * Checks the order and, unless it is blocked, creates it on the site. Only an order paid before it was placed is
     * submitted here; any other waits as a draft for its payment callback, whatever docstatus it asked for.
     *
     * @param decided told the decision's ID once it is stored, before anything is created on the site
     */
    public Uni<CreatedOrder> create(String site, SalesOrder order, OrderContext context, String caller,
            Function<UUID, Uni<Void>> decided) {
        return check(site, order, context, caller)
                .call(decision -> decision.verdict() == Verdict.BLOCK
                        ? Uni.createFrom().voidItem()
                        : decided.apply(decision.decisionId()))
                .flatMap(decision -> switch (decision.verdict()) {
                    case BLOCK -> Uni.createFrom().failure(new OrderBlocked(decision));
                    case REVIEW -> orders.insertDraft(site, order, decision.decisionId(), holdNote(decision))
                            .flatMap(draft -> recorded(decision, site, draft, true)
                                    .call(created -> reviews.hold(decision.decisionId(), site, created.salesOrder(),
                                            HOLD_REASON, reviewRules(decision))));
                    case PASS -> order.asksToSubmit() && context.payment() != null
                            ? createPaid(site, order, context, decision)
                            : orders.insertDraft(site, order, decision.decisionId(), null)
                                    .flatMap(draft -> recorded(decision, site, draft, false));
                });
    }

    /**
     * The order an earlier, interrupted creation made under this decision, if it made one: the one recorded with the
     * decision, or the one the site holds with the decision's ID (created, then interrupted before it was recorded).
     */
    public Uni<Optional<CreatedOrder>> resume(String site, UUID decisionId) {
        return decisions.find(decisionId).flatMap(found -> {
            if (found.isEmpty() || found.get().verdict() == Verdict.BLOCK) {
                return Uni.createFrom().item(Optional.<CreatedOrder>empty());
            }
            StoredDecision decision = found.get();
            boolean held = decision.verdict() == Verdict.REVIEW;
            if (decision.salesOrder() != null) {
                return orders.get(site, decision.salesOrder())
                        .map(current -> Optional.of(created(decision, current, held, null)));
            }
            return orders.findByDecision(site, decisionId).flatMap(onSite -> onSite.isEmpty()
                    ? Uni.createFrom().item(Optional.<CreatedOrder>empty())
                    : recorded(decision, site, onSite.get(), held).map(Optional::of));
        });
    }

    /**
     * A passed order that was paid before it was placed: take the payment (so no other order can), insert the order,
     * record it as this decision's, then post the payment, which submits it if its stock is there. What posting finds
     * is kept, and an order posting does not complete is held for review. An order that cannot be completed at all is
     * withdrawn from the site and its payment given back, so the customer can use it again; one whose payment was
     * posted stands.
     */
    private Uni<CreatedOrder> createPaid(String site, SalesOrder order, OrderContext context, StoredDecision decision) {
        PaymentReference reference = context.payment();
        return payments.use(reference.provider(), reference.transactionId(), site, order.customer(),
                decision.decisionId())
                .flatMap(taken -> {
                    ConfirmedPayment payment = taken.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                            "Payment %s was used by another order while this one was checked; each payment pays one order."
                                    .formatted(reference.transactionId())));
                    return orders.insertDraft(site, order, decision.decisionId(), null)
                            .onFailure().call(() -> payments.giveBack(decision.decisionId()))
                            .flatMap(draft -> completePaid(site, decision, payment, name(draft))
                                    .onFailure().call(() -> withdrawUnpaid(site, decision, payment, name(draft))));
                });
    }

    private Uni<CreatedOrder> completePaid(String site, StoredDecision decision, ConfirmedPayment payment, String name) {
        return decisions.recordOrder(decision.decisionId(), site, name, false)
                .invoke(() -> metrics.created(site, decision.currency(), decision.grandTotal()))
                .call(() -> payments.recordOrder(payment.provider(), payment.transactionId(), site, name))
                .flatMap(recorded -> posting.post(site, name, payment))
                .call(posted -> posting.keep(site, payment.provider(), payment.transactionId(), posted.findings()))
                .flatMap(posted -> orders.get(site, name).map(current -> created(decision, current,
                        posted.outcome() != PaymentOutcome.POSTED, posted.paymentEntry())));
    }

    /** Withdraws an order whose payment is not on the site and gives the payment back; leaves a paid order alone. */
    private Uni<Void> withdrawUnpaid(String site, StoredDecision decision, ConfirmedPayment payment, String name) {
        return posting.entryFor(site, name, payment).flatMap(entry -> {
            if (entry.isPresent()) {
                LOG.warnf("Sales Order %s on %s is paid (%s) but was not completed; it stands", name, site,
                        entry.get().path("name").asText());
                return Uni.createFrom().voidItem();
            }
            return orders.withdraw(site, name)
                    .call(() -> decisions.forgetOrder(decision.decisionId()))
                    .call(() -> payments.giveBack(decision.decisionId()))
                    .invoke(() -> LOG.infof("Sales Order %s on %s could not be completed; withdrawn, payment %s given back",
                            name, site, payment.transactionId()));
        }).onFailure().invoke(failure -> LOG.errorf("Sales Order %s on %s could not be completed nor withdrawn;"
                + " payment %s stays with it: %s", name, site, payment.transactionId(), failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<CreatedOrder> recorded(StoredDecision decision, String site, ObjectNode draft, boolean held) {
        LOG.debugf("Decision %s created Sales Order %s on %s", decision.decisionId(), name(draft), site);
        return decisions.recordOrder(decision.decisionId(), site, name(draft), false)
                .invoke(() -> metrics.created(site, decision.currency(), decision.grandTotal()))
                .map(ignored -> created(decision, draft, held, null));
    }

    private static CreatedOrder created(StoredDecision decision, ObjectNode salesOrder, boolean held,
            String paymentEntry) {
        return new CreatedOrder(decision, name(salesOrder), salesOrder.path("docstatus").asInt(),
                salesOrder.path("status").asText(null), held, paymentEntry);
    }

    private static String name(ObjectNode salesOrder) {
        return salesOrder.path("name").asText();
    }

    private Uni<StoredDecision> store(String site, SalesOrder order, OrderContext context, String caller,
            Evaluation evaluation) {
        StoredDecision decision = new StoredDecision(UuidCreator.getTimeOrderedEpoch(), site, caller,
                context.channel(), Hashes.sha256(bytes(order)), order.customer(), order.company(), order.currency(),
                OrderTotals.of(order).grandTotal(), order.items().size(), evaluation.verdict(),
                evaluation.shadowVerdict(), evaluation.rulesetVersion(), evaluation.findings(),
                OffsetDateTime.now(ZoneOffset.UTC), null, null);
        return decisions.insert(decision).invoke(() -> {
            LOG.debugf("Decision %s on %s for %s: %s (shadow %s) under %s", decision.decisionId(), site, caller,
                    decision.verdict(), decision.shadowVerdict(), decision.rulesetVersion());
            metrics.decided(site, decision.verdict(), decision.shadowVerdict());
            metrics.found("order", site, decision.findings());
        }).replaceWith(decision);
    }

    /**
     * Every number the order states fits a site's fields (checked on the way in); what the lines and totals come to must
     * fit too, or neither the site nor the guard's decision could store it.
     */
    private static void refuseWhatNoSiteStores(SalesOrder order) {
        List<OrderLimits.Excess> excesses = OrderLimits.excesses(order);
        if (!excesses.isEmpty()) {
            List<Violation> violations = excesses.stream()
                    .map(e -> new Violation("order." + e.field(), e.message())).toList();
            throw new ProblemException(ProblemType.INVALID_REQUEST, "order." + excesses.get(0).field() + " "
                    + excesses.get(0).message() + "; split the order or correct its quantities and rates.", violations);
        }
    }

    private static List<String> reviewRules(StoredDecision decision) {
        return reviewFindings(decision).stream().map(Finding::rule).distinct().toList();
    }

    private static List<Finding> reviewFindings(StoredDecision decision) {
        return decision.findings().stream().filter(f -> f.mode() == Mode.ENFORCE && f.raises(Severity.REVIEW)).toList();
    }

    private static String holdNote(StoredDecision decision) {
        List<Finding> reasons = reviewFindings(decision);
        String note = "Held for review by commerce-guard, decision %s (rule set %s): %s".formatted(
                decision.decisionId(), decision.rulesetVersion(),
                reasons.stream().map(f -> f.rule() + ": " + f.message()).collect(Collectors.joining("; ")));
        return note.length() <= MAX_HOLD_NOTE ? note : note.substring(0, MAX_HOLD_NOTE - 1) + "…";
    }

    private byte[] bytes(SalesOrder order) {
        try {
            return json.writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed order always serialises", e);
        }
    }
}
