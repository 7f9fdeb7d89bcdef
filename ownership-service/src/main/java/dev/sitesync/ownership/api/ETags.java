package dev.sitesync.ownership.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Entity tags of versioned resources, and the conditional headers that name them. */
final class ETags {

    private static final Pattern POLICY_TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,9})\"\\s*");

    private ETags() {
    }

    static String of(Object version) {
        return "\"" + version + "\"";
    }

    /** Whether an {@code If-None-Match} header names the tag (or is {@code *}). */
    static boolean noneMatchHits(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim().replaceFirst("^W/", "");
            if (trimmed.equals("*") || trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The policy version an {@code If-Match} header names, or null when it names none ({@code *} does not count). */
    static Integer policyVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher matcher = POLICY_TAG.matcher(ifMatch);
        return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
    }
}
