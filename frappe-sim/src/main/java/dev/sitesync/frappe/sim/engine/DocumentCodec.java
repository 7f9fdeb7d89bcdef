package dev.sitesync.frappe.sim.engine;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;

/**
 * Documents in Frappe's shape: values converted to each field's type, unknown fields dropped (Frappe keeps only its
 * columns), and the keys in {@code as_dict} order: standard fields, the doctype's fields, then {@code doctype}.
 */
public final class DocumentCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] STANDARD = {"name", "owner", "creation", "modified", "modified_by", "docstatus",
            "idx"};

    private DocumentCodec() {
    }

    /** The value as the field's type stores it; null for empty values of non-numeric fields. */
    public static JsonNode coerce(DocField field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return field.isNumeric() ? zero(field) : null;
        }
        if (field.isInteger()) {
            return LongNode.valueOf(asDecimal(field, value).longValue());
        }
        if (field.isDecimal()) {
            return DoubleNode.valueOf(asDecimal(field, value).doubleValue());
        }
        if (field.isTable() || "JSON".equals(field.fieldtype())) {
            return value;
        }
        String text = value.isTextual()
                ? value.asText()
                : value.isBoolean()
                        ? (value.asBoolean() ? "1" : "0")
                        : value.toString();
        return text.isEmpty() ? null : TextNode.valueOf(text);
    }

    public static JsonNode zero(DocField field) {
        return field.isInteger() ? LongNode.valueOf(0) : DoubleNode.valueOf(0.0);
    }

    private static BigDecimal asDecimal(DocField field, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        String text = value.asText().trim().replace(",", "");
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw FrappeError.validation("Invalid value for " + field.displayLabel() + ": " + value.asText());
        }
    }

    /** The default a new document gets for an absent field ({@code "Today"} is today in the site's zone). */
    public static JsonNode defaultValue(DocField field, LocalDate today) {
        String given = field.defaultValue();
        if (given == null && "Select".equals(field.fieldtype()) && field.reqd() && field.options() != null) {
            // a mandatory Select starts at its first option, as naming_series does on a new form
            given = java.util.Arrays.stream(field.options().split("\n")).filter(o -> !o.isBlank()).findFirst()
                    .orElse(null);
        }
        if (given == null || given.contains("{")) {
            return field.isNumeric() ? zero(field) : null;
        }
        if ("Today".equalsIgnoreCase(given) && field.isDate()) {
            return TextNode.valueOf(today.toString());
        }
        return coerce(field, TextNode.valueOf(given));
    }

    /** The document rebuilt in Frappe's key order, without nulls; child rows as given (already canonical). */
    public static ObjectNode canonical(DocTypeMeta meta, ObjectNode doc) {
        ObjectNode out = JSON.objectNode();
        for (String standard : STANDARD) {
            putIfPresent(out, standard, doc.get(standard));
        }
        for (DocField field : meta.fields()) {
            putIfPresent(out, field.fieldname(), doc.get(field.fieldname()));
        }
        if (meta.istable()) {
            for (String parentField : DocTypeMeta.CHILD_FIELDS) {
                putIfPresent(out, parentField, doc.get(parentField));
            }
        }
        out.put("doctype", meta.name());
        return out;
    }

    /**
     * What a reader sees: the stored document's values of the doctype's current fields ({@code as_dict} reads the
     * meta's columns, so a field the site dropped is not shown), without password values.
     */
    public static ObjectNode present(DocTypeMeta meta, ObjectNode stored) {
        ObjectNode copy = canonical(meta, stored);
        meta.fields().stream().filter(DocField::isPassword).forEach(field -> copy.remove(field.fieldname()));
        return copy;
    }

    private static void putIfPresent(ObjectNode out, String key, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            out.set(key, value);
        }
    }

    public static ArrayNode array() {
        return JSON.arrayNode();
    }

    public static ObjectNode object() {
        return JSON.objectNode();
    }

    /** The document's value as text: what Python's {@code cstr} gives, {@code ""} for null. */
    public static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
