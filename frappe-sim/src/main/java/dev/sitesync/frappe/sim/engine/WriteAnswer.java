package dev.sitesync.frappe.sim.engine;

/** What the caller of a committed write hears: the answer, nothing (the connection closes), or the answer late. */
public enum WriteAnswer {

    ANSWERED,
    DROPPED,
    LATE
}
