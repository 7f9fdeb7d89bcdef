package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields where a consumer's copy differs from the owner's version: every field the owner sends, with both values,
 * compared as {@link PayloadMatch} compares them (numbers as numbers, child tables by the fields sent in them).
 */
public final class FieldDifferences {

    /** One field with the owner's value and the copy's. */
    public record Difference(String field, JsonNode source, JsonNode target) {
    }

    private FieldDifferences() {
    }

    public static List<Difference> between(JsonNode source, JsonNode target) {
        List<Difference> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = target.get(field.getKey());
            if (!PayloadMatch.holds(value, field.getValue())) {
                differences.add(new Difference(field.getKey(), field.getValue(),
                        value == null ? JsonNodeFactory.instance.nullNode() : value));
            }
        }
        return differences;
    }

    /** The copy's values of the fields the owner sends, for hashing and showing side by side. */
    public static ObjectNode sentFieldsOf(JsonNode source, JsonNode target) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        source.fieldNames().forEachRemaining(field -> copy.set(field, target.has(field)
                ? target.get(field)
                : JsonNodeFactory.instance.nullNode()));
        return copy;
    }
}
