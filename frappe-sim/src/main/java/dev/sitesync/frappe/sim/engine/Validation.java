package dev.sitesync.frappe.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.store.SiteTx;

/**
 * Frappe's {@code _validate_mandatory}, {@code _validate_links} and {@code _validate_selects}; unique values are left to
 * the unique indexes, as Frappe leaves them to the database.
 */
final class Validation {

    private final MetaRegistry metas;
    private final String site;
    private final SiteTx tx;

    Validation(MetaRegistry metas, String site, SiteTx tx) {
        this.metas = metas;
        this.site = site;
        this.tx = tx;
    }

    void validate(DocTypeMeta meta, ObjectNode doc) {
        mandatory(meta, doc);
        selects(meta, doc, null);
        links(meta, doc, null);
        for (DocField table : meta.tableFields()) {
            DocTypeMeta child = metas.find(site, table.options()).orElseThrow();
            for (JsonNode row : doc.path(table.fieldname())) {
                String where = "Row #" + row.path("idx").asInt() + ": ";
                mandatoryRow(child, (ObjectNode) row, meta, where);
                selects(child, (ObjectNode) row, where);
                links(child, (ObjectNode) row, where);
            }
        }
    }

    private void mandatory(DocTypeMeta meta, ObjectNode doc) {
        List<String> missing = new ArrayList<>();
        for (DocField field : meta.fields()) {
            if (field.reqd() && isMissing(doc.get(field.fieldname()))) {
                missing.add("Error: Value missing for " + meta.name() + ": " + field.displayLabel());
            }
        }
        if (!missing.isEmpty()) {
            throw new FrappeError("MandatoryError", 417, missing, "Missing Fields");
        }
    }

    private void mandatoryRow(DocTypeMeta child, ObjectNode row, DocTypeMeta parent, String where) {
        List<String> missing = new ArrayList<>();
        for (DocField field : child.fields()) {
            if (field.reqd() && isMissing(row.get(field.fieldname()))) {
                missing.add("Error: Value missing for " + child.name() + ": " + field.displayLabel() + " (" + where
                        .replace(": ", "") + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new FrappeError("MandatoryError", 417, missing, "Missing Fields");
        }
    }

    /** Empty as Frappe sees it: null, an empty list, or text that is blank ({@code 0} is a value). */
    static boolean isMissing(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isArray()) {
            return value.isEmpty();
        }
        return value.isTextual() && value.asText().replaceAll("<[^>]*>", "").isBlank();
    }

    private void links(DocTypeMeta meta, ObjectNode doc, String where) {
        for (DocField field : meta.fields()) {
            String value = DocumentCodec.text(doc, field.fieldname());
            if (!field.isLink() || value.isEmpty() || field.options() == null) {
                continue;
            }
            String label = (where == null ? "" : where) + field.displayLabel();
            if ("DocType".equals(field.options())) {
                if (metas.find(site, value).isEmpty()) {
                    throw FrappeError.validation("LinkValidationError", "Could not find " + label + ": " + value);
                }
                continue;
            }
            Optional<DocTypeMeta> target = metas.find(site, field.options());
            if (target.isEmpty()) {
                // a doctype this simulator does not model (Account, Cost Center...): nothing to check against
                continue;
            }
            Optional<Integer> docstatus = tx.docstatus(field.options(), value);
            if (docstatus.isEmpty()) {
                throw FrappeError.validation("LinkValidationError", "Could not find " + label + ": " + value);
            }
            if (target.get().submittable() && docstatus.get() == 2) {
                throw FrappeError.validation("CancelledLinkError",
                        "Cannot link cancelled document: " + label + ": " + value);
            }
        }
    }

    private static void selects(DocTypeMeta meta, ObjectNode doc, String where) {
        for (DocField field : meta.fields()) {
            String value = DocumentCodec.text(doc, field.fieldname());
            if (!"Select".equals(field.fieldtype()) || value.isEmpty() || field.options() == null
                    || "naming_series".equals(field.fieldname()) || "fieldname".equals(field.fieldname())) {
                continue;
            }
            List<String> options = Arrays.asList(field.options().split("\n"));
            if (!options.contains(value)) {
                throw FrappeError.validation((where == null ? "" : where) + field.displayLabel() + " cannot be \""
                        + value + "\". It should be one of " + String.join(", ",
                                options.stream().filter(o -> !o.isEmpty()).map(o -> "\"" + o + "\"").toList()));
            }
        }
    }
}
