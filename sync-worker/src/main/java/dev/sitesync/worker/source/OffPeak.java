package dev.sitesync.worker.source;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.OffPeakWindow;

/**
 * Off-peak windows, read on the clock this worker is given: a doctype the policy captures {@code scheduled} is
 * captured only while its cron window is open (its webhook events are kept and its poll does not run meanwhile), and
 * this site's batch work (full syncs, scheduled reconciliations) only while the worker's batch window is open.
 */
@ApplicationScoped
public class OffPeak {

    private static final Logger LOG = Logger.getLogger(OffPeak.class);

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final SiteZone zone;
    private final Clock clock;

    public OffPeak(WorkerConfig config, PolicyCache policies, SiteZone zone, Clock clock) {
        this.config = config;
        this.policies = policies;
        this.zone = zone;
        this.clock = clock;
    }

    /** The doctypes that may be captured now. */
    public Uni<List<String>> capturable(List<String> doctypes) {
        if (doctypes.isEmpty()) {
            return Uni.createFrom().item(doctypes);
        }
        return policies.current().flatMap(policy -> zone.current().map(siteZone -> OffPeakWindow.capturable(policy,
                doctypes, clock.instant(), siteZone, config.windowOpenFor())));
    }

    /** Whether batch work may run now. */
    public Uni<Boolean> batchWindowOpen() {
        if (config.batchWindow().isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return zone.current().map(siteZone -> {
            try {
                return OffPeakWindow.of(config.batchWindow().get(), config.windowOpenFor()).isOpen(clock.instant(),
                        siteZone);
            } catch (IllegalArgumentException e) {
                LOG.warnf("SITESYNC_WORKER_BATCH_WINDOW '%s' is not Quartz cron (%s); batch work waits until it is "
                        + "fixed", config.batchWindow().get(), e.getMessage());
                return false;
            }
        });
    }
}
