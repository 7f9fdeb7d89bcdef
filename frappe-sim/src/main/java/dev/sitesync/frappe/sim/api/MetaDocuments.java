package dev.sitesync.frappe.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;

/**
 * A doctype's meta as Frappe serialises {@code frappe.get_meta(doctype).as_dict()}: the DocType with its fields
 * (custom fields marked {@code is_custom_field}) and permissions, as the site has it now.
 */
final class MetaDocuments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MetaDocuments() {
    }

    static ObjectNode of(DocTypeMeta meta) {
        ObjectNode data = JSON.objectNode().put("name", meta.name()).put("doctype", "DocType")
                .put("autoname", meta.autoname()).put("istable", flag(meta.istable()))
                .put("issingle", flag(meta.issingle())).put("is_submittable", flag(meta.submittable()))
                .put("title_field", meta.titleField());
        ArrayNode fields = data.putArray("fields");
        int idx = 0;
        for (DocField field : meta.fields()) {
            ObjectNode row = fields.addObject().put("fieldname", field.fieldname()).put("fieldtype", field.fieldtype())
                    .put("label", field.displayLabel()).put("options", field.options()).put("reqd", flag(field.reqd()))
                    .put("unique", flag(field.unique())).put("read_only", flag(field.readOnly()))
                    .put("no_copy", flag(field.noCopy())).put("allow_on_submit", flag(field.allowOnSubmit()))
                    .put("default", field.defaultValue()).put("idx", ++idx).put("parent", meta.name())
                    .put("parentfield", "fields").put("parenttype", "DocType").put("doctype", "DocField");
            if (field.custom()) {
                row.put("is_custom_field", 1);
            }
        }
        ArrayNode permissions = data.putArray("permissions");
        meta.permissions().forEach(perm -> permissions.addObject().put("role", perm.role())
                .put("read", flag(perm.read())).put("write", flag(perm.write())).put("create", flag(perm.create()))
                .put("delete", flag(perm.delete())).put("submit", flag(perm.submit()))
                .put("cancel", flag(perm.cancel())).put("doctype", "DocPerm"));
        return data;
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
