package dev.sitesync.frappe.sim.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.sim.engine.SiteClock;
import dev.sitesync.frappe.sim.engine.SiteClocks;
import dev.sitesync.frappe.sim.engine.Timestamps;
import dev.sitesync.frappe.sim.site.SystemSettings;

/**
 * {@code /admin/clock/{site}}: a site's clock and time zone. A test may move the clock to an instant and let it run
 * from there, freeze it, or hand it back to the machine's clock; and change the site's System Settings zone.
 */
@Path("/admin/clock/{site}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ClockApi {

    private final AdminGate gate;
    private final SiteClocks clocks;
    private final SystemSettings settings;

    public ClockApi(AdminGate gate, SiteClocks clocks, SystemSettings settings) {
        this.gate = gate;
        this.clocks = clocks;
        this.settings = settings;
    }

    @GET
    public ClockState get(@PathParam("site") String site) {
        return state(clocks.of(gate.site(site)));
    }

    /** Any of: {@code time_zone}; {@code at} (an instant with its offset); {@code frozen}. */
    @PUT
    public ClockState set(@PathParam("site") String site, String body) {
        String known = gate.site(site);
        ClockChange change = gate.read(body, ClockChange.class);
        SiteClock clock = clocks.of(known);
        if (change.timeZone() != null) {
            settings.timeZone(known, zone(change.timeZone()).getId());
        }
        if (change.at() != null || change.frozen() != null) {
            Instant at = change.at() == null ? clock.instant() : instant(change.at());
            clock.setTo(at, change.frozen() == null ? clock.frozen() : change.frozen());
        }
        return state(clock);
    }

    /** Back to the machine's clock; the zone stays. */
    @DELETE
    public ClockState reset(@PathParam("site") String site) {
        SiteClock clock = clocks.of(gate.site(site));
        clock.reset();
        return state(clock);
    }

    private static ClockState state(SiteClock clock) {
        Instant instant = clock.instant();
        String mode = !clock.set() ? "system" : clock.frozen() ? "frozen" : "running";
        return new ClockState(clock.zone().getId(), mode, instant.toString(),
                Timestamps.format(LocalDateTime.ofInstant(instant, clock.zone())));
    }

    private static ZoneId zone(String given) {
        if (!ZoneId.getAvailableZoneIds().contains(given)) {
            throw new AdminRefusal(ProblemType.INVALID_REQUEST, "time_zone " + given
                    + " is not a known zone; give an IANA name such as Europe/Berlin");
        }
        return ZoneId.of(given);
    }

    private static Instant instant(String given) {
        try {
            return OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdminRefusal(ProblemType.INVALID_REQUEST, "at " + given + " is not an instant with an offset;"
                    + " give one such as 2026-10-25T00:30:00Z (naive local times are ambiguous around DST)");
        }
    }

    /** What a PUT may change; absent values stay as they are. */
    public record ClockChange(@JsonProperty("time_zone") String timeZone, @JsonProperty("at") String at,
            @JsonProperty("frozen") Boolean frozen) {
    }

    /** The clock as the site sees it: {@code now} is the naive local time its next write would be near. */
    public record ClockState(@JsonProperty("time_zone") String timeZone, @JsonProperty("mode") String mode,
            @JsonProperty("instant") String instant, @JsonProperty("now") String now) {
    }
}
