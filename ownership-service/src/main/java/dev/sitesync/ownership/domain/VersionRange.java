package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A range of versions as bounds separated by spaces, all of which must hold: {@code ">=15.0 <16"}. */
public record VersionRange(List<Bound> bounds, String text) {

    private static final Pattern BOUND = Pattern.compile("(>=|<=|>|<|=)?(.+)");

    public record Bound(String operator, Version version) {

        boolean admits(Version candidate) {
            int comparison = candidate.compareTo(version);
            return switch (operator) {
                case ">=" -> comparison >= 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                case "<" -> comparison < 0;
                default -> comparison == 0;
            };
        }
    }

    public static VersionRange parse(String text) {
        List<Bound> bounds = new ArrayList<>();
        // ">= 15" and ">=15" alike: an operator binds to the version after it
        for (String token : text.trim().replaceAll("(>=|<=|>|<|=)\\s+", "$1").split("\\s+")) {
            Matcher matcher = BOUND.matcher(token);
            if (!token.isEmpty() && matcher.matches()) {
                bounds.add(new Bound(matcher.group(1) == null ? "=" : matcher.group(1), Version.parse(matcher.group(2))));
            }
        }
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a version range such as \">=15.0 <16\"");
        }
        return new VersionRange(List.copyOf(bounds), text.trim());
    }

    public boolean contains(Version version) {
        return bounds.stream().allMatch(bound -> bound.admits(version));
    }

    @Override
    public String toString() {
        return text;
    }
}
