package dev.sitesync.frappe.sim.engine;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.meta.PermissionType;

/** {@code check_docstatus_transition}: which docstatus changes a save may make, and what each one is. */
final class Transitions {

    static final String SAVE = "save";
    static final String SUBMIT = "submit";
    static final String CANCEL = "cancel";
    static final String UPDATE_AFTER_SUBMIT = "update_after_submit";

    private Transitions() {
    }

    static String action(DocTypeMeta meta, int from, int to) {
        if (from == 2) {
            throw FrappeError.validation("Cannot edit cancelled document");
        }
        if (to != 0 && !meta.submittable()) {
            throw FrappeError.validation("DocstatusTransitionError", "Cannot change docstatus from " + from + " to "
                    + to + ": " + meta.name() + " is not submittable");
        }
        if (from == 0 && to == 0) {
            return SAVE;
        }
        if (from == 0 && to == 1) {
            return SUBMIT;
        }
        if (from == 1 && to == 1) {
            return UPDATE_AFTER_SUBMIT;
        }
        if (from == 1 && to == 2) {
            return CANCEL;
        }
        throw FrappeError.validation("DocstatusTransitionError",
                "Cannot change docstatus from " + from + " to " + to);
    }

    static PermissionType permission(String action) {
        return switch (action) {
            case SUBMIT -> PermissionType.SUBMIT;
            case CANCEL -> PermissionType.CANCEL;
            default -> PermissionType.WRITE;
        };
    }

    /** {@code validate_update_after_submit}: only fields marked {@code allow_on_submit} may change. */
    static void checkAllowedOnSubmit(DocTypeMeta meta, MetaRegistry metas, String site, ObjectNode before,
            ObjectNode after) {
        for (DocField field : meta.fields()) {
            if (field.allowOnSubmit() || field.readOnly()) {
                continue;
            }
            if (field.isTable()) {
                DocTypeMeta child = metas.find(site, field.options()).orElseThrow();
                JsonNode oldRows = before.path(field.fieldname());
                JsonNode newRows = after.path(field.fieldname());
                if (oldRows.size() != newRows.size()) {
                    throw notAllowed(field.displayLabel());
                }
                for (int i = 0; i < oldRows.size(); i++) {
                    for (DocField column : child.fields()) {
                        if (!column.allowOnSubmit() && !column.readOnly()
                                && !same(oldRows.get(i).get(column.fieldname()), newRows.get(i).get(column.fieldname()))) {
                            throw notAllowed("Row #" + (i + 1) + ": " + column.displayLabel());
                        }
                    }
                }
            } else if (!same(before.get(field.fieldname()), after.get(field.fieldname()))) {
                throw notAllowed(field.displayLabel());
            }
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return Objects.equals(a == null || a.isNull() ? null : a.asText(), b == null || b.isNull() ? null : b.asText());
    }

    private static FrappeError notAllowed(String label) {
        return FrappeError.validation("UpdateAfterSubmitError", "Not allowed to change " + label + " after submission");
    }
}
