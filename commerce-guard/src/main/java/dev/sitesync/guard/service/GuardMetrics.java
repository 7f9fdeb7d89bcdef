package dev.sitesync.guard.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Verdict;

/**
 * The guard's metrics, per site, rule and outcome, so dashboards and alerts show which controls fire and how often:
 * {@code sitesync_guard_decisions_total{site,verdict,shadow_verdict}}, {@code sitesync_guard_orders_created_total{site}},
 * {@code sitesync_guard_order_value{site,currency}} (a summary: volume and average order value),
 * {@code sitesync_guard_payments_total{provider,outcome}}, {@code sitesync_guard_findings_total{...}},
 * {@code sitesync_guard_audit_checks_total{...}} and the review queue's {@code sitesync_guard_review_queue_depth{site}}
 * and {@code sitesync_guard_review_queue_oldest_seconds{site}}. Meters are looked up once and kept: a check counts
 * without building a meter.
 */
@Singleton
public class GuardMetrics {

    /** Payment outcomes as the alerts name them. */
    private static final Map<String, String> PAYMENT_OUTCOMES = Map.of("POSTED", "posted", "HELD", "held", "REVIEW",
            "refused", "CONFIRMED", "confirmed", "IGNORED", "ignored", "DUPLICATE", "duplicate", "INVALID_SIGNATURE",
            "invalid-signature", "FAILED", "failed");

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, DistributionSummary> values = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queueDepths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queueAges = new ConcurrentHashMap<>();

    public GuardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void decided(String site, Verdict verdict, Verdict shadowVerdict) {
        counter(List.of("decisions", site, verdict.name(), shadowVerdict.name()),
                () -> Counter.builder("sitesync.guard.decisions").description("Order decisions by site and verdict")
                        .tag("site", site).tag("verdict", verdict.name()).tag("shadow_verdict", shadowVerdict.name()))
                .increment();
    }

    /** A Sales Order created on the site, worth {@code grandTotal} in {@code currency}. */
    public void created(String site, String currency, BigDecimal grandTotal) {
        counter(List.of("created", site), () -> Counter.builder("sitesync.guard.orders.created")
                .description("Sales Orders the guard created, by site").tag("site", site)).increment();
        String unit = currency == null ? "" : currency;
        values.computeIfAbsent(List.of(site, unit), key -> DistributionSummary.builder("sitesync.guard.order.value")
                .description("Value of the orders created, by site and currency").tag("site", site)
                .tag("currency", unit).register(registry)).record(grandTotal.doubleValue());
    }

    /** Counts findings by rule; {@code source} is {@code order}, {@code audit}, {@code payment} or {@code backtest}. */
    public void found(String source, String site, List<Finding> findings) {
        for (Finding finding : findings) {
            counter(List.of("findings", source, site, finding.rule(), finding.severity().name(), finding.mode().name()),
                    () -> Counter.builder("sitesync.guard.findings").description("Findings by rule")
                            .tag("source", source).tag("site", site).tag("rule", finding.rule())
                            .tag("severity", finding.severity().name()).tag("mode", finding.mode().name()))
                    .increment();
        }
    }

    /** A payment callback's outcome: a {@link PaymentOutcome}, DUPLICATE, INVALID_SIGNATURE or FAILED. */
    public void payment(String provider, String outcome) {
        String label = PAYMENT_OUTCOMES.getOrDefault(outcome, outcome.toLowerCase(Locale.ROOT));
        counter(List.of("payments", provider, label), () -> Counter.builder("sitesync.guard.payments")
                .description("Payment callbacks by outcome").tag("provider", provider).tag("outcome", label))
                .increment();
    }

    public void auditCheck(String site, String check, String status) {
        counter(List.of("audit", site, check, status), () -> Counter.builder("sitesync.guard.audit.checks")
                .description("Audit checks run, by status").tag("site", site).tag("check", check).tag("status", status))
                .increment();
    }

    /** The review queue of a site now: how many orders wait, and for how long the longest has. */
    public void reviewQueue(String site, long depth, long oldestSeconds) {
        queueDepths.computeIfAbsent(site, code -> gauge("sitesync.guard.review.queue.depth",
                "Orders held for review, waiting for a decision", code)).set(depth);
        queueAges.computeIfAbsent(site, code -> gauge("sitesync.guard.review.queue.oldest.seconds",
                "How long the longest waiting held order has waited", code)).set(oldestSeconds);
    }

    private AtomicLong gauge(String name, String description, String site) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::doubleValue).description(description).tag("site", site)
                .register(registry);
        return value;
    }

    private Counter counter(List<String> key, Supplier<Counter.Builder> builder) {
        return counters.computeIfAbsent(key, k -> builder.get().register(registry));
    }
}
