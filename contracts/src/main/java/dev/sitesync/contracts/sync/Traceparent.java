package dev.sitesync.contracts.sync;

import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} value ({@code 00-<trace ID>-<span ID>-<flags>}), as services hand it on in bodies and
 * store it.
 */
public final class Traceparent {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private Traceparent() {
    }

    /** The trace ID of a well-formed traceparent, else null. */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var matcher = FORMAT.matcher(traceparent);
        return matcher.matches() ? matcher.group(1) : null;
    }

    public static String of(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }
}
