package dev.sitesync.worker.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.sitesync.frappe.client.FrappeDateTimes;

/**
 * A site's naive datetimes ({@code modified}) as instants, in the site's time zone. In the hour a fall-back repeats,
 * one naive time stands for two instants; the later one that is not after the moment of reading is taken, since
 * changes are read soon after they are made.
 */
public final class SiteTime {

    private SiteTime() {
    }

    /** The instant a naive site datetime stands for, read at {@code readAt}; null when it does not parse. */
    public static Instant toInstant(String naive, ZoneId zone, Instant readAt) {
        LocalDateTime local;
        try {
            local = FrappeDateTimes.parse(naive);
        } catch (RuntimeException unparsable) {
            return null;
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() < 2) {
            return local.atZone(zone).toInstant(); // one offset, or a spring-forward gap (moved past it)
        }
        Instant earlier = local.toInstant(offsets.get(0));
        Instant later = local.toInstant(offsets.get(1));
        Instant first = earlier.isBefore(later) ? earlier : later;
        Instant second = earlier.isBefore(later) ? later : earlier;
        return second.isAfter(readAt) ? first : second;
    }

    /** The site's naive datetime for an instant. */
    public static String naive(Instant instant, ZoneId zone) {
        return FrappeDateTimes.format(instant, zone);
    }
}
