package dev.sitesync.gateway.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of the route table.
 *
 * @param pattern the path segments the route covers: literals, or {@code {site}} / {@code {provider}} captures
 * @param exact true when the path must be exactly the pattern; false when the pattern is a prefix of whole segments
 * @param upstream base URL for API routes ({@code {site}} replaced by the capture); null for the special routes
 * @param upstreamPrefix the segments that replace the pattern on the way upstream
 * @param roles roles of which an API caller needs one
 */
public record RouteRule(String name, RouteKind kind, List<String> pattern, boolean exact, Set<String> methods,
        String upstream, List<String> upstreamPrefix, Set<String> roles) {

    public static final String SITE = "{site}";
    public static final String PROVIDER = "{provider}";

    private static final Pattern LITERAL = Pattern.compile("[a-z0-9._~-]+");
    private static final Pattern CAPTURE_VALUE = Pattern.compile("[a-z0-9-]{1,32}");

    public RouteRule {
        for (String segment : pattern) {
            if (!isCapture(segment) && !LITERAL.matcher(segment).matches()) {
                // lowercase-only literals: a rule can only be reached by its one canonical spelling
                throw new IllegalArgumentException(
                        "Route " + name + ": prefix segment '" + segment + "' must be lowercase letters, digits or -._~");
            }
        }
        methods = Set.copyOf(methods.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).toList());
        pattern = List.copyOf(pattern);
        upstreamPrefix = List.copyOf(upstreamPrefix);
        roles = Set.copyOf(roles);
    }

    /** Splits a configured prefix such as {@code /ops/v1/sites/{site}} into its segments. */
    public static List<String> segments(String prefix) {
        return List.of(prefix.split("/")).stream().filter(segment -> !segment.isEmpty()).toList();
    }

    static boolean isCapture(String segment) {
        return segment.equals(SITE) || segment.equals(PROVIDER);
    }

    static boolean isCaptureValue(String value) {
        return CAPTURE_VALUE.matcher(value).matches();
    }
}
