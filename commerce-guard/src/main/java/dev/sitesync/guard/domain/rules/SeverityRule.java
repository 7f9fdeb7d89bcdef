package dev.sitesync.guard.domain.rules;

import java.util.Map;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.OrderRule;

/** A rule whose one setting is the severity of its findings. */
abstract class SeverityRule implements OrderRule {

    private final String name;
    protected final RuleSeverity severity;

    SeverityRule(String name, RuleSeverity severity) {
        this.name = name;
        this.severity = severity;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, Object> settings() {
        return Evidence.of("severity", severity.value());
    }
}
