package dev.sitesync.frappe.client;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A position in a doctype ordered by {@code (modified, name)}: everything at or before it has been read. The
 * {@code modified} value is kept exactly as the site wrote it, so comparing with it on the site is exact.
 */
public record KeysetCursor(String modified, String name) {

    public KeysetCursor {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(name, "name");
    }

    /** The position of a listed row, which must carry {@code modified} and {@code name}. */
    public static KeysetCursor of(JsonNode row) {
        return new KeysetCursor(row.path("modified").asText(), row.path("name").asText());
    }
}
