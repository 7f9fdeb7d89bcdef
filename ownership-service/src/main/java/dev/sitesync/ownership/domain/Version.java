package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dotted release number such as {@code 15.40.1} (a leading {@code v} and a suffix like {@code -beta} are ignored). */
public record Version(List<Integer> parts, String text) implements Comparable<Version> {

    private static final Pattern RELEASE = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:[-+].*)?");

    public static Version parse(String text) {
        Matcher matcher = RELEASE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version such as 15.40.1");
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : matcher.group(1).split("\\.")) {
            parts.add(Integer.parseInt(part));
        }
        return new Version(List.copyOf(parts), text.trim());
    }

    /** Missing parts count as zero, so 15 equals 15.0.0. */
    @Override
    public int compareTo(Version other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int difference = Integer.compare(part(i), other.part(i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private int part(int index) {
        return index < parts.size() ? parts.get(index) : 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
