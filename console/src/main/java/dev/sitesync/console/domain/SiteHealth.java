package dev.sitesync.console.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A site's state in one word, with the reasons: what an SRE scanning the overview needs first. Thresholds are the
 * runbooks' (a lag of a minute is worth a look; anything waiting for a person is).
 */
public record SiteHealth(String level, List<String> reasons) {

    public static final String HEALTHY = "healthy";
    public static final String ATTENTION = "attention";
    public static final String UNREACHABLE = "unreachable";

    public static SiteHealth unreachable(String why) {
        return new SiteHealth(UNREACHABLE, List.of(why));
    }

    public static SiteHealth of(double lagSeconds, long openCircuits, long conflicts, long deadLetters, long parked) {
        List<String> reasons = new ArrayList<>();
        if (openCircuits > 0) {
            reasons.add(openCircuits + (openCircuits == 1 ? " circuit" : " circuits") + " not closed");
        }
        if (conflicts > 0) {
            reasons.add(conflicts + (conflicts == 1 ? " conflict" : " conflicts") + " to resolve");
        }
        if (deadLetters > 0) {
            reasons.add(deadLetters + (deadLetters == 1 ? " dead letter" : " dead letters") + " to retry or discard");
        }
        if (parked > 0) {
            reasons.add(parked + (parked == 1 ? " parked delivery" : " parked deliveries"));
        }
        if (lagSeconds >= 60) {
            reasons.add("lag " + Ago.seconds(lagSeconds));
        }
        return new SiteHealth(reasons.isEmpty() ? HEALTHY : ATTENTION, List.copyOf(reasons));
    }

    public String label() {
        return switch (level) {
            case HEALTHY -> "Healthy";
            case ATTENTION -> "Needs attention";
            default -> "Unreachable";
        };
    }
}
