package dev.sitesync.ownership.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sitesync.contracts.ownership.DataClass;

/**
 * The classes ARCHITECTURE §3 fixes whatever the policy says: ledgers are NEVER even when unlisted, transactions are
 * REFERENCE_ONLY. A policy may make a doctype stricter than its default, never looser.
 */
public final class DefaultClasses {

    private static final Map<String, DataClass> DEFAULTS = new HashMap<>();

    static {
        List.of("Item", "Item Group", "UOM", "Brand", "Customer", "Customer Group", "Supplier", "Supplier Group",
                "Territory", "Price List", "Item Price", "Address", "Contact")
                .forEach(doctype -> DEFAULTS.put(doctype, DataClass.MASTER));
        List.of("Sales Order", "Quotation", "Purchase Order")
                .forEach(doctype -> DEFAULTS.put(doctype, DataClass.REFERENCE_ONLY));
        List.of("GL Entry", "Stock Ledger Entry", "Stock Entry", "Payment Ledger Entry", "Journal Entry", "Sales Invoice",
                "Purchase Invoice", "Bin")
                .forEach(doctype -> DEFAULTS.put(doctype, DataClass.NEVER));
    }

    private DefaultClasses() {
    }

    public static Optional<DataClass> of(String doctype) {
        return Optional.ofNullable(DEFAULTS.get(doctype));
    }
}
