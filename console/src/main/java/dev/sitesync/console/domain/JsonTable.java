package dev.sitesync.console.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Records a service answers, as a table: one row per record, a column per field any record has (in the order first
 * seen), nested values as compact JSON. For answers whose shape grows with the service (readiness checks,
 * reconciliation reports, audit entries), so a field the service adds shows up without a console release.
 */
public record JsonTable(List<String> columns, List<List<String>> rows) {

    /** The array itself, or the first array among an object's {@code items}, {@code checks}, {@code reports}. */
    public static JsonTable of(JsonNode json) {
        JsonNode records = records(json);
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode record : records) {
            record.fieldNames().forEachRemaining(columns::add);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode record : records) {
            List<String> row = new ArrayList<>();
            for (String column : columns) {
                row.add(text(record.get(column)));
            }
            rows.add(row);
        }
        return new JsonTable(List.copyOf(columns), rows);
    }

    /** The scalar fields of an object beside its records (a readiness answer's site and verdict), as label and value. */
    public static List<List<String>> summary(JsonNode json) {
        List<List<String>> pairs = new ArrayList<>();
        if (json != null && json.isObject()) {
            json.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode()) {
                    pairs.add(List.of(field.getKey(), text(field.getValue())));
                }
            });
        }
        return pairs;
    }

    public boolean empty() {
        return rows.isEmpty();
    }

    private static JsonNode records(JsonNode json) {
        if (json == null) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (json.isArray()) {
            return onlyObjects(json);
        }
        for (String field : List.of("items", "checks", "reports", "entries")) {
            if (json.path(field).isArray()) {
                return onlyObjects(json.path(field));
            }
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    private static JsonNode onlyObjects(JsonNode array) {
        var objects = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        array.forEach(node -> {
            if (node.isObject()) {
                objects.add(node);
            }
        });
        return objects;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
