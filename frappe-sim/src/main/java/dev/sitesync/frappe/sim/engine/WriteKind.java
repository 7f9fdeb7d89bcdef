package dev.sitesync.frappe.sim.engine;

import java.util.Locale;

/** What a write does to a document, as a write fault names it. */
public enum WriteKind {

    INSERT,
    UPDATE,
    DELETE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
