package dev.sitesync.guard.service;

import java.util.List;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Verdict;

/** The guard's counters, per rule and outcome, so dashboards show which controls fire and how often. */
@Singleton
public class GuardMetrics {

    private final MeterRegistry registry;

    public GuardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void decided(Verdict verdict, Verdict shadowVerdict) {
        Counter.builder("sitesync.guard.decisions").description("Order decisions by verdict")
                .tag("verdict", verdict.name()).tag("shadow_verdict", shadowVerdict.name()).register(registry)
                .increment();
    }

    /** Counts findings by rule; {@code source} is {@code order}, {@code audit}, {@code payment} or {@code backtest}. */
    public void found(String source, String site, List<Finding> findings) {
        for (Finding finding : findings) {
            Counter.builder("sitesync.guard.findings").description("Findings by rule")
                    .tag("source", source).tag("site", site).tag("rule", finding.rule())
                    .tag("severity", finding.severity().name()).tag("mode", finding.mode().name())
                    .register(registry).increment();
        }
    }

    public void payment(String provider, String outcome) {
        Counter.builder("sitesync.guard.payments").description("Payment callbacks by outcome")
                .tag("provider", provider).tag("outcome", outcome).register(registry).increment();
    }

    public void auditCheck(String site, String check, String status) {
        Counter.builder("sitesync.guard.audit.checks").description("Audit checks run, by status")
                .tag("site", site).tag("check", check).tag("status", status).register(registry).increment();
    }
}
