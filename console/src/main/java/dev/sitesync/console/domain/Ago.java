package dev.sitesync.console.domain;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, in the few words a person reads at a glance. */
public final class Ago {

    private Ago() {
    }

    public static String of(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toSeconds() < 5) {
            return "just now";
        }
        if (age.toMinutes() < 1) {
            return age.toSeconds() + " s ago";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h " + age.toMinutesPart() + " min ago";
        }
        return age.toDays() + " d ago";
    }

    /** A lag in seconds as an operator reads it: "0 s", "42 s", "3 min 5 s", "2 h 10 min". */
    public static String seconds(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + (whole % 3600) / 60 + " min";
    }
}
