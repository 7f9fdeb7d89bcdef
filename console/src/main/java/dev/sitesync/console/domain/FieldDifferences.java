package dev.sitesync.console.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two versions of one document side by side, field by field: the owner's (source) and the consumer's (target), each
 * row saying whether the two differ, so a person sees at once what a conflict is about.
 */
public final class FieldDifferences {

    /** One field: its value in each version ("" when absent) and whether they differ. */
    public record Row(String field, String source, String target, boolean differs) {
    }

    private FieldDifferences() {
    }

    /** Every field of either version, differing ones first, then by name. */
    public static List<Row> of(JsonNode source, JsonNode target) {
        TreeSet<String> fields = new TreeSet<>();
        names(source, fields);
        names(target, fields);
        List<Row> rows = new ArrayList<>();
        for (String field : fields) {
            JsonNode a = source == null ? null : source.get(field);
            JsonNode b = target == null ? null : target.get(field);
            rows.add(new Row(field, text(a), text(b), !same(a, b)));
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

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return aMissing == bMissing;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
