package dev.sitesync.guard.audit;

import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.config.GuardConfig;

/**
 * Schedules each site's audit on its own cron (the site's {@code audit-cron}, else {@code guard.audit.cron}), read in
 * the site's time zone, so "2:30 at night" is night on the site. Every replica schedules every site; the fire time is
 * the run's slot, and each slot is audited by one replica only (SiteAuditor takes it in PostgreSQL).
 */
@ApplicationScoped
public class AuditSchedule {

    private static final Logger LOG = Logger.getLogger(AuditSchedule.class);
    private static final String OFF = "off";

    void schedule(@Observes StartupEvent start, Scheduler scheduler, SiteDirectory sites, GuardConfig config,
            SiteAuditor auditor) {
        for (String site : sites.codes()) {
            String cron = sites.config(site).auditCron().orElse(config.audit().cron());
            if (OFF.equalsIgnoreCase(cron)) {
                continue;
            }
            scheduler.newJob("audit-" + site)
                    .setCron(cron)
                    .setTimeZone(sites.config(site).timeZone().getId())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setAsyncTask(execution -> auditor.scheduled(site,
                            execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
                            .replaceWithVoid())
                    .schedule();
            LOG.infof("Site %s is audited on cron '%s'", site, cron);
        }
    }
}
