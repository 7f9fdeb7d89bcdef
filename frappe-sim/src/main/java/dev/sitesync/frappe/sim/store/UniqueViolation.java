package dev.sitesync.frappe.sim.store;

/** A write refused by one of a doctype's unique indexes (see {@link UniqueIndexes}). */
public class UniqueViolation extends RuntimeException {

    private final String index;

    UniqueViolation(String index) {
        super("Unique index " + index + " refused the value", null, false, false);
        this.index = index;
    }

    public String index() {
        return index;
    }
}
