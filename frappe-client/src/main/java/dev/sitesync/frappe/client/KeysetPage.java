package dev.sitesync.frappe.client;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of a keyset iteration.
 *
 * @param rows the rows after the requested cursor, in {@code (modified, name)} order
 * @param next the position after the last row (the requested cursor when the page is empty)
 * @param complete true when no row after {@code next} existed at the time of reading
 */
public record KeysetPage(List<ObjectNode> rows, KeysetCursor next, boolean complete) {

    public KeysetPage {
        rows = List.copyOf(rows);
    }
}
