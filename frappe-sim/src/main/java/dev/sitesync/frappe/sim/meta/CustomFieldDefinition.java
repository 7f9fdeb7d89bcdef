package dev.sitesync.frappe.sim.meta;

/** A field a site added to a doctype through a {@code Custom Field} document. */
public record CustomFieldDefinition(String doctype, DocField field, String insertAfter) {
}
