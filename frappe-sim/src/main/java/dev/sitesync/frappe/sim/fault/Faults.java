package dev.sitesync.frappe.sim.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The fault plan of each site; none unless the admin API set one. */
@ApplicationScoped
public class Faults {

    private final Map<String, FaultPlan> plans = new ConcurrentHashMap<>();

    public FaultPlan of(String site) {
        return plans.getOrDefault(site, FaultPlan.NONE);
    }

    public void set(String site, FaultPlan plan) {
        plans.put(site, plan);
    }

    public void clear(String site) {
        plans.remove(site);
    }

    public boolean dropsWebhooks(String site) {
        return of(site).dropWebhooks();
    }
}
