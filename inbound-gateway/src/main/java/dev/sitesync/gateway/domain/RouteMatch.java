package dev.sitesync.gateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request matched to a route.
 *
 * @param captures the captured segments ({@code site}, {@code provider})
 * @param rest the path segments after the route's pattern
 */
public record RouteMatch(RouteRule rule, Map<String, String> captures, List<String> rest, boolean trailingSlash) {

    public String site() {
        return captures.get("site");
    }

    public String provider() {
        return captures.get("provider");
    }

    /** The encoded path to request upstream: the route's upstream prefix, captures filled in, then the rest. */
    public String upstreamPath() {
        List<String> segments = new ArrayList<>();
        for (String segment : rule.upstreamPrefix()) {
            segments.add(fill(segment));
        }
        segments.addAll(rest);
        return NormalizedPath.encode(segments, trailingSlash);
    }

    /** The upstream base URL with the captures filled in (they are checked site codes, never free text). */
    public String upstreamBase() {
        return fill(rule.upstream());
    }

    private String fill(String template) {
        String filled = template;
        for (Map.Entry<String, String> capture : captures.entrySet()) {
            filled = filled.replace("{" + capture.getKey() + "}", capture.getValue());
        }
        return filled;
    }
}
