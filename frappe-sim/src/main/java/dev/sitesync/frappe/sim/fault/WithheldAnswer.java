package dev.sitesync.frappe.sim.fault;

import jakarta.enterprise.context.RequestScoped;

import dev.sitesync.frappe.sim.engine.WriteFault;

/** The write fault whose answer this request must not give as usual, once its write has committed. */
@RequestScoped
public class WithheldAnswer {

    private WriteFault fault;

    void withhold(WriteFault chosen) {
        this.fault = chosen;
    }

    WriteFault fault() {
        return fault;
    }
}
