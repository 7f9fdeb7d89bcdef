package dev.sitesync.frappe.client;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code Custom Field} to add to a doctype when a site is onboarded (e.g. {@code sitesync_external_id} on Item).
 *
 * @param options the linked doctype for Link fields, the choices for Select; may be null
 * @param insertAfter the field after which the form shows it; may be null
 * @param readOnly users see it but cannot edit it in the form
 * @param unique the site refuses a second document with the same (non-empty) value
 * @param noCopy duplicating a document in the form leaves it empty on the copy
 */
public record CustomFieldSpec(String doctype, String fieldname, String label, String fieldtype, String options,
        String insertAfter, boolean readOnly, boolean unique, boolean noCopy) {

    public CustomFieldSpec {
        Objects.requireNonNull(doctype, "doctype");
        Objects.requireNonNull(fieldname, "fieldname");
        Objects.requireNonNull(fieldtype, "fieldtype");
    }

    /** A field copied when a user duplicates its document, as Frappe's default is. */
    public CustomFieldSpec(String doctype, String fieldname, String label, String fieldtype, String options,
            String insertAfter, boolean readOnly, boolean unique) {
        this(doctype, fieldname, label, fieldtype, options, insertAfter, readOnly, unique, false);
    }

    public static CustomFieldSpec data(String doctype, String fieldname, String label) {
        return new CustomFieldSpec(doctype, fieldname, label, "Data", null, null, false, false, false);
    }

    /**
     * A Data field only the integration writes: read-only, unique and not copied when a user duplicates the document,
     * so no person can type, paste or duplicate a value into it by the form.
     */
    public static CustomFieldSpec protectedData(String doctype, String fieldname, String label) {
        return new CustomFieldSpec(doctype, fieldname, label, "Data", null, null, true, true, true);
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
        doc.put("no_copy", noCopy ? 1 : 0);
        return doc;
    }

    /**
     * The changes that give an existing {@code Custom Field} document this spec's protection (read-only, unique,
     * no-copy); empty when it has it. Protection is only added, never taken away: a site that made the field stricter
     * keeps it so.
     */
    public ObjectNode repairOf(JsonNode existing) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        if (readOnly && existing.path("read_only").asInt() != 1) {
            changes.put("read_only", 1);
        }
        if (unique && existing.path("unique").asInt() != 1) {
            changes.put("unique", 1);
        }
        if (noCopy && existing.path("no_copy").asInt() != 1) {
            changes.put("no_copy", 1);
        }
        return changes;
    }
}
