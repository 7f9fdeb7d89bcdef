package dev.sitesync.frappe.client;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code Custom Field} to add to a doctype when a site is onboarded (e.g. {@code sitesync_external_id} on Item).
 *
 * @param options the linked doctype for Link fields, the choices for Select; may be null
 * @param insertAfter the field after which the form shows it; may be null
 */
public record CustomFieldSpec(String doctype, String fieldname, String label, String fieldtype, String options,
        String insertAfter, boolean readOnly, boolean unique) {

    public CustomFieldSpec {
        Objects.requireNonNull(doctype, "doctype");
        Objects.requireNonNull(fieldname, "fieldname");
        Objects.requireNonNull(fieldtype, "fieldtype");
    }

    public static CustomFieldSpec data(String doctype, String fieldname, String label) {
        return new CustomFieldSpec(doctype, fieldname, label, "Data", null, null, false, false);
    }

    ObjectNode toDocument() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("dt", doctype);
        doc.put("fieldname", fieldname);
        doc.put("label", label == null ? fieldname : label);
        doc.put("fieldtype", fieldtype);
        if (options != null) {
            doc.put("options", options);
        }
        if (insertAfter != null) {
            doc.put("insert_after", insertAfter);
        }
        doc.put("read_only", readOnly ? 1 : 0);
        doc.put("unique", unique ? 1 : 0);
        return doc;
    }
}
