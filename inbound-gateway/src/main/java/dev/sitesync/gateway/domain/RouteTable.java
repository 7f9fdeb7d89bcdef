package dev.sitesync.gateway.domain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route of a canonical path. The most specific pattern wins (more segments first), so a narrow route with
 * stricter roles is never shadowed by a broad one. Deny by default: a path no route covers is not found.
 */
public final class RouteTable {

    private final List<RouteRule> rules;

    public RouteTable(List<RouteRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt((RouteRule r) -> r.pattern().size()).reversed()
                .thenComparing(RouteRule::name)).toList();
    }

    /** What the table says about this method on this path. */
    public sealed interface Outcome permits Found, NotFound, MethodNotAllowed {
    }

    public record Found(RouteMatch match) implements Outcome {
    }

    public record NotFound() implements Outcome {
    }

    /** The path is routed, but not for this method. */
    public record MethodNotAllowed(String route, Set<String> allowed) implements Outcome {
    }

    /** The most specific route covering the path decides alone: a method it refuses never falls to a broader one. */
    public Outcome route(String method, NormalizedPath path) {
        for (RouteRule rule : rules) {
            Map<String, String> captures = captures(rule, path.segments());
            if (captures == null) {
                continue;
            }
            if (!rule.methods().contains(method)) {
                return new MethodNotAllowed(rule.name(), new TreeSet<>(rule.methods()));
            }
            List<String> rest = path.segments().subList(rule.pattern().size(), path.segments().size());
            return new Found(new RouteMatch(rule, captures, List.copyOf(rest), path.trailingSlash()));
        }
        return new NotFound();
    }

    private static Map<String, String> captures(RouteRule rule, List<String> segments) {
        List<String> pattern = rule.pattern();
        if (segments.size() < pattern.size() || rule.exact() && segments.size() != pattern.size()) {
            return null;
        }
        Map<String, String> captures = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = segments.get(i);
            if (RouteRule.isCapture(expected)) {
                if (!RouteRule.isCaptureValue(actual)) {
                    return null;
                }
                captures.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return captures;
    }
}
