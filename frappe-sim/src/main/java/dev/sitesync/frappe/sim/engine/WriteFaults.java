package dev.sitesync.frappe.sim.engine;

import java.util.Optional;

/** The faults writes may meet; looked up in memory, so a write without faults costs no database round trip. */
public interface WriteFaults {

    /** The fault this write meets, if a rule selects it; the rule's count goes down by one. */
    Optional<WriteFault> take(String site, String doctype, WriteKind kind);

    /** The write committed: its answer is now withheld as the fault says. */
    void committed(WriteFault fault);
}
