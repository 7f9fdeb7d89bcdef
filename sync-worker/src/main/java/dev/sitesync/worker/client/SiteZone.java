package dev.sitesync.worker.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.worker.config.WorkerConfig;

/**
 * The time zone of this worker's site, in which every datetime it sends ({@code modified}) is naive: read from the
 * site's System Settings and trusted for a while; the configured zone when the site does not say or cannot be asked.
 */
@ApplicationScoped
public class SiteZone {

    private static final Logger LOG = Logger.getLogger(SiteZone.class);

    private record Known(ZoneId zone, Instant readAt) {
    }

    private final FrappeClient site;
    private final ZoneId configured;
    private final Duration maxAge;
    private volatile Known known;

    public SiteZone(FrappeClient site, WorkerConfig config) {
        this.site = site;
        this.configured = ZoneId.of(config.frappe().timeZone());
        this.maxAge = config.frappe().timeZoneMaxAge();
    }

    public Uni<ZoneId> current() {
        Known cached = known;
        if (cached != null && cached.readAt().plus(maxAge).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.zone());
        }
        return site.timeZone()
                .map(zone -> {
                    if (zone.isEmpty()) {
                        LOG.warnf("The site names no time zone Java knows in its System Settings; using the configured"
                                + " %s (SITESYNC_WORKER_FRAPPE_TIME_ZONE)", configured);
                    }
                    return remember(zone.orElse(configured));
                })
                .onFailure().recoverWithItem(failure -> {
                    // the zone read before beats the configured one; either is trusted until the site is asked again
                    ZoneId fallback = cached != null ? cached.zone() : configured;
                    LOG.warnf("Cannot read the site's time zone (%s); using %s until it is asked again",
                            failure.getMessage(), fallback);
                    return remember(fallback);
                });
    }

    private ZoneId remember(ZoneId zone) {
        Known previous = known;
        if (previous != null && !previous.zone().equals(zone)) {
            LOG.warnf("The site's time zone changed from %s to %s", previous.zone(), zone);
        }
        known = new Known(zone, Instant.now());
        return zone;
    }
}
