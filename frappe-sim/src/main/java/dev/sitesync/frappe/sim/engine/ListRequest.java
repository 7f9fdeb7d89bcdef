package dev.sitesync.frappe.sim.engine;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code frappe.client.get_list} call as the API received it.
 *
 * @param fields the requested columns; empty means only {@code name}
 * @param filters and {@code orFilters}: Frappe's dict or list form, or missing
 * @param pageLength rows per page; 0 means all
 */
public record ListRequest(String doctype, List<String> fields, JsonNode filters, JsonNode orFilters, String orderBy,
        int start, int pageLength, boolean asDict) {

    public static final int DEFAULT_PAGE_LENGTH = 20;

    public ListRequest {
        fields = List.copyOf(fields);
    }
}
