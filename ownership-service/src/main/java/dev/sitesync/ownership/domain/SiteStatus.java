package dev.sitesync.ownership.domain;

import java.util.Locale;

/** Where a site is in its life. Only an active site sends or receives changes. */
public enum SiteStatus {

    ONBOARDING,
    ACTIVE,
    PAUSED,
    RETIRED;

    public static SiteStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
