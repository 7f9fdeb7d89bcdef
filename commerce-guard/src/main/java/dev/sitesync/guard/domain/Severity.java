package dev.sitesync.guard.domain;

/** How much a risk-raising finding weighs: it holds the order for review or blocks it. Other findings are INFO. */
public enum Severity {
    INFO,
    REVIEW,
    BLOCK
}
