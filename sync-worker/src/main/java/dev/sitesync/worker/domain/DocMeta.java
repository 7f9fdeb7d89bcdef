package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a DocType's metadata synchronization needs: its Link fields (top level and in child tables), and how
 * it is switched off (disabled = 1, or enabled = 0) when its owner deletes it.
 */
public record DocMeta(String doctype, Map<String, String> links, Map<String, String> tables, boolean hasDisabled,
        boolean hasEnabled) {

    /** Reads a DocType document or v2 meta ({@code fields: [{fieldname, fieldtype, options}]}). */
    public static DocMeta from(String doctype, JsonNode meta) {
        Map<String, String> links = new LinkedHashMap<>();
        Map<String, String> tables = new LinkedHashMap<>();
        boolean disabled = false;
        boolean enabled = false;
        for (JsonNode field : meta.path("fields")) {
            String name = field.path("fieldname").asText();
            String type = field.path("fieldtype").asText();
            if ("Link".equals(type) && field.hasNonNull("options")) {
                links.put(name, field.path("options").asText());
            } else if ("Table".equals(type) || "Table MultiSelect".equals(type)) {
                tables.put(name, field.path("options").asText());
            }
            disabled |= "disabled".equals(name);
            enabled |= "enabled".equals(name);
        }
        return new DocMeta(doctype, links, tables, disabled, enabled);
    }

    /** A Link value in a document: where it is ({@code item_group}, {@code uoms[0].uom}), its doctype and value. */
    public record LinkValue(String path, String doctype, String value) {
    }

    /** Every non-empty Link value of the document, child rows included ({@code childMeta} by child doctype). */
    public List<LinkValue> linkValues(JsonNode document, Map<String, DocMeta> childMeta) {
        List<LinkValue> values = new ArrayList<>();
        links.forEach((field, target) -> {
            String value = document.path(field).asText("");
            if (!value.isEmpty()) {
                values.add(new LinkValue(field, target, value));
            }
        });
        tables.forEach((table, childDoctype) -> {
            DocMeta child = childMeta.get(childDoctype);
            JsonNode rows = document.path(table);
            for (int i = 0; child != null && i < rows.size(); i++) {
                for (LinkValue value : child.linkValues(rows.get(i), Map.of())) {
                    values.add(new LinkValue(table + "[" + i + "]." + value.path(), value.doctype(), value.value()));
                }
            }
        });
        return values;
    }
}
