package dev.sitesync.guard.domain;

/** How a rule takes part: its findings decide the verdict, are only recorded, or the rule does not run. */
public enum Mode {
    ENFORCE,
    SHADOW,
    OFF
}
