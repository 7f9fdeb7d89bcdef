package dev.sitesync.guard.api;

import java.util.Map;

/** A rule set's version and, per rule, its mode and settings. */
public record RuleSetView(String version, boolean active, Map<String, Object> rules) {
}
