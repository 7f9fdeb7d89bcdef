package dev.sitesync.frappe.sim.admin;

import dev.sitesync.contracts.problem.ProblemType;

/** A request to the admin API refused: answered as problem+json with a stable type and what to do instead. */
public class AdminRefusal extends RuntimeException {

    private final ProblemType type;

    public AdminRefusal(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
