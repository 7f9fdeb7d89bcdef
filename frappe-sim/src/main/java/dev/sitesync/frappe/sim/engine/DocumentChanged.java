package dev.sitesync.frappe.sim.engine;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A committed change of one document and the Frappe doc events it ran ({@code after_insert}, {@code on_update},
 * {@code on_submit}, {@code on_cancel}, {@code on_trash}, {@code on_update_after_submit}, {@code on_change}), fired
 * after the commit, as Frappe enqueues webhooks with {@code enqueue_after_commit}.
 */
public record DocumentChanged(String site, String doctype, String name, ObjectNode doc, List<String> events,
        String user) {

    public DocumentChanged {
        events = List.copyOf(events);
    }
}
