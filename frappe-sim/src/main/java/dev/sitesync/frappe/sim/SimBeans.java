package dev.sitesync.frappe.sim;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.sitesync.frappe.sim.engine.SiteClocks;

/** Beans built from configuration. */
public class SimBeans {

    @Produces
    @ApplicationScoped
    SiteClocks clocks(SimConfig config) {
        return new SiteClocks(Clock.systemUTC(), ZoneId.of(config.timeZone()));
    }
}
