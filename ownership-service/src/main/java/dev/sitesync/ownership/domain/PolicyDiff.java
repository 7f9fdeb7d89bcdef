package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What changed between two policy documents, as a reviewer reads it: sites, domains and consumers are matched by their
 * code, doctype or site rather than by position, so {@code domains[Item].owner: central → north} rather than a moved
 * list entry.
 */
public final class PolicyDiff {

    private static final List<String> IDENTITY_KEYS = List.of("code", "doctype", "site");

    /**
     * One change.
     *
     * @param before null when added
     * @param after null when removed
     */
    public record Change(String path, Kind kind, JsonNode before, JsonNode after) {
    }

    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    private PolicyDiff() {
    }

    /** The changes from {@code before} (null for the first revision, so everything is added) to {@code after}. */
    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (before == null || before.isMissingNode()) {
            changes.add(new Change(display(path), Kind.ADDED, null, after));
        } else if (after == null || after.isMissingNode()) {
            changes.add(new Change(display(path), Kind.REMOVED, before, null));
        } else if (before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(fields::add);
            after.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field), changes);
            }
        } else if (keyed(before) != null && keyed(after) != null) {
            Map<String, JsonNode> old = keyed(before);
            Map<String, JsonNode> now = keyed(after);
            Set<String> keys = new LinkedHashSet<>(old.keySet());
            keys.addAll(now.keySet());
            for (String key : keys) {
                compare(path + "[" + key + "]", old.get(key), now.get(key), changes);
            }
        } else if (!sameValue(before, after)) {
            changes.add(new Change(display(path), Kind.CHANGED, before, after));
        }
    }

    /** A list of objects that each carry the same identity key, by that key; null for any other list or value. */
    private static Map<String, JsonNode> keyed(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        for (String identity : IDENTITY_KEYS) {
            Map<String, JsonNode> byKey = new LinkedHashMap<>();
            for (JsonNode item : node) {
                if (!item.isObject() || !item.has(identity) || byKey.put(item.get(identity).asText(), item) != null) {
                    byKey = null;
                    break;
                }
            }
            if (byKey != null) {
                return byKey;
            }
        }
        return null;
    }

    /** Values compare as JSON: the location each node remembers must not make equal values differ. */
    private static boolean sameValue(JsonNode before, JsonNode after) {
        return Objects.equals(before.toString(), after.toString());
    }

    private static String display(String path) {
        return path.isEmpty() ? "(document)" : path;
    }
}
