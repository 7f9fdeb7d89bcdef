package dev.sitesync.frappe.sim;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.sitesync.frappe.sim.engine.SimClock;

/** Beans built from configuration. */
public class SimBeans {

    @Produces
    @ApplicationScoped
    SimClock clock(SimConfig config) {
        return new SimClock(Clock.systemUTC(), ZoneId.of(config.timeZone()));
    }
}
