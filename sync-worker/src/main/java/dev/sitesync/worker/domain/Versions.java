package dev.sitesync.worker.domain;

import java.util.Comparator;

import dev.sitesync.frappe.client.FrappeDateTimes;

/** Versions are the source document's {@code modified}; compared as times, not as strings. */
public final class Versions {

    /** Oldest first. */
    public static final Comparator<String> ORDER = Comparator.comparing(FrappeDateTimes::parse);

    private Versions() {
    }

    /** True when {@code candidate} is strictly older than {@code applied} (null applied: nothing is older). */
    public static boolean isOlder(String candidate, String applied) {
        return applied != null && FrappeDateTimes.parse(candidate).isBefore(FrappeDateTimes.parse(applied));
    }
}
