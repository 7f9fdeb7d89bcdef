package dev.sitesync.e2e.check;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document's content as the owner sent it and the consumer must hold it: Frappe's bookkeeping fields and the
 * consumer's excluded and local fields removed, nulls dropped, numbers compared by value, child rows without names.
 */
final class Normalized {

    /** Fields that differ per site or per save, never content (the worker's own list). */
    static final Set<String> VOLATILE = Set.of("name", "owner", "creation", "modified", "modified_by", "idx", "docstatus",
            "doctype", "parent", "parentfield", "parenttype", "_user_tags", "_comments", "_assign", "_liked_by", "_seen",
            "sitesync_external_id", "amended_from");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Normalized() {
    }

    static ObjectNode of(JsonNode document, Set<String> dropped) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!VOLATILE.contains(field.getKey()) && !dropped.contains(field.getKey()) && !field.getValue().isNull()) {
                sorted.put(field.getKey(), normalizeValue(field.getValue()));
            }
        }
        ObjectNode normalized = JSON.createObjectNode();
        sorted.forEach(normalized::set);
        return normalized;
    }

    /** The owner's fields whose value the consumer does not hold equally. */
    static Set<String> differences(ObjectNode owner, ObjectNode consumer) {
        Set<String> differing = new java.util.TreeSet<>();
        owner.fieldNames().forEachRemaining(field -> {
            if (!equal(owner.get(field), consumer.get(field))) {
                differing.add(field);
            }
        });
        return differing;
    }

    private static JsonNode normalizeValue(JsonNode value) {
        if (value.isArray()) {
            ArrayNode rows = JSON.createArrayNode();
            value.forEach(row -> rows.add(row.isObject() ? of(row, Set.of()) : row));
            return rows;
        }
        if (value.isNumber()) {
            return JSON.getNodeFactory().numberNode(value.decimalValue().stripTrailingZeros());
        }
        return value;
    }

    private static boolean equal(JsonNode owner, JsonNode consumer) {
        if (consumer == null) {
            return isEmptyValue(owner);
        }
        if (owner.isNumber() && consumer.isNumber()) {
            return owner.decimalValue().compareTo(consumer.decimalValue()) == 0;
        }
        return owner.equals(consumer);
    }

    /** Frappe omits empty values on some reads: a missing field equals an empty one. */
    private static boolean isEmptyValue(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isNumber() && value.decimalValue().compareTo(BigDecimal.ZERO) == 0)
                || (value.isArray() && value.isEmpty());
    }
}
