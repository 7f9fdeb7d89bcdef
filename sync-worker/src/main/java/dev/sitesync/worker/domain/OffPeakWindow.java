package dev.sitesync.worker.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * An off-peak window given as a Quartz cron expression in the site's time zone: open from each time the cron fires,
 * for {@code openFor}. {@code 0 *}{@code /15 1-5 * * ?} opens for a while every quarter of an hour between 01:00 and
 * 05:59; {@code * * 1-5 * * ?} keeps it open all that time. Outside it, work the window holds waits.
 */
public final class OffPeakWindow {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String cron;
    private final ExecutionTime firings;
    private final Duration openFor;

    private OffPeakWindow(String cron, ExecutionTime firings, Duration openFor) {
        this.cron = cron;
        this.firings = firings;
        this.openFor = openFor;
    }

    /** @throws IllegalArgumentException when the expression is not Quartz cron */
    public static OffPeakWindow of(String cron, Duration openFor) {
        return new OffPeakWindow(cron, ExecutionTime.forCron(QUARTZ.parse(cron)), openFor);
    }

    /** Whether the window is open at {@code now}, the cron read in the site's zone. */
    public boolean isOpen(Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        if (firings.isMatch(at.truncatedTo(ChronoUnit.SECONDS))) {
            return true;
        }
        return firings.lastExecution(at).map(last -> at.isBefore(last.plus(openFor))).orElse(false);
    }

    public String cron() {
        return cron;
    }

    /**
     * The doctypes that may be captured at {@code now}: those the policy captures continuously, and those whose window
     * is open. A window that is not valid Quartz cron is never open: its changes wait rather than flow unannounced.
     */
    public static List<String> capturable(SyncPolicy policy, List<String> doctypes, Instant now, ZoneId zone,
            Duration openFor) {
        return doctypes.stream().filter(doctype -> policy.captureWindow(doctype).map(cron -> {
            try {
                return of(cron, openFor).isOpen(now, zone);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }).orElse(true)).toList();
    }
}
