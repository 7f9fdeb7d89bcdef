package dev.sitesync.frappe.sim.engine;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The clock of every site, each in its System Settings zone; a site's clock starts on the machine's clock. */
public final class SiteClocks {

    private final Clock system;
    private final ZoneId defaultZone;
    private final Map<String, SiteClock> clocks = new ConcurrentHashMap<>();

    public SiteClocks(Clock system, ZoneId defaultZone) {
        this.system = system;
        this.defaultZone = defaultZone;
    }

    public SiteClock of(String site) {
        return clocks.computeIfAbsent(site, s -> new SiteClock(system, defaultZone));
    }

    public LocalDateTime now(String site) {
        return of(site).now();
    }
}
