package dev.sitesync.guard.domain;

import java.util.Objects;

/** A rule with the mode it runs in. */
public record ConfiguredRule(OrderRule rule, Mode mode) {

    public ConfiguredRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(mode, "mode");
    }
}
