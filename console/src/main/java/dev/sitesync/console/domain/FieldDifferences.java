package dev.sitesync.console.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two versions of one document side by side, field by field: the owner's (source) and the consumer's copy (target).
 * Which fields differ is the worker's finding (it compares as it writes: numbers as numbers, child tables by the
 * fields sent); the console lays them out, differing fields first.
 */
public final class FieldDifferences {

    /** One field: its value in each version ("" when absent) and whether the worker found them different. */
    public record Row(String field, String source, String target, boolean differs) {
    }

    private FieldDifferences() {
    }

    public static List<Row> of(JsonNode source, JsonNode target, Set<String> differing) {
        TreeSet<String> fields = new TreeSet<>(differing);
        names(source, fields);
        names(target, fields);
        List<Row> rows = new ArrayList<>();
        for (String field : fields) {
            rows.add(new Row(field, text(source, field), text(target, field), differing.contains(field)));
        }
        rows.sort((x, y) -> x.differs() == y.differs() ? x.field().compareTo(y.field()) : x.differs() ? -1 : 1);
        return rows;
    }

    public static long differing(List<Row> rows) {
        return rows.stream().filter(Row::differs).count();
    }

    private static void names(JsonNode node, TreeSet<String> into) {
        if (node != null && node.isObject()) {
            Iterator<String> names = node.fieldNames();
            names.forEachRemaining(into::add);
        }
    }

    private static String text(JsonNode document, String field) {
        JsonNode node = document == null ? null : document.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
