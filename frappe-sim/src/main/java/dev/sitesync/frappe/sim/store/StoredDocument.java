package dev.sitesync.frappe.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A document row: the whole document as JSON, with the columns lists and locks work on. */
public record StoredDocument(String doctype, String name, int docstatus, String modified, ObjectNode data) {
}
