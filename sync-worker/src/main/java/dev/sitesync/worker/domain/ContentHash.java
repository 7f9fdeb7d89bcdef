package dev.sitesync.worker.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content of a document as SiteSync compares it: Frappe's bookkeeping fields removed (they differ per site and on
 * every save), keys sorted, child rows without their per-site row names. Two sites holding the same content get the
 * same hash.
 */
public final class ContentHash {

    /** Fields that change on every save or differ per site, never content. */
    public static final Set<String> VOLATILE = Set.of("name", "owner", "creation", "modified", "modified_by", "idx",
            "docstatus", "doctype", "parent", "parentfield", "parenttype", "_user_tags", "_comments", "_assign",
            "_liked_by", "_seen", "sitesync_external_id", "amended_from");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The content hash of a deletion: no document's content hashes to it. */
    public static final String DELETED = of(JSON.createObjectNode().put("__deleted__", true));

    private ContentHash() {
    }

    /** The document without volatile fields, with null values dropped (Frappe omits them on some reads). */
    public static ObjectNode normalize(JsonNode document) {
        ObjectNode normalized = JSON.createObjectNode();
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!VOLATILE.contains(field.getKey()) && !field.getValue().isNull()) {
                sorted.put(field.getKey(), field.getValue());
            }
        }
        sorted.forEach((key, value) -> normalized.set(key, value.isArray() ? normalizeRows((ArrayNode) value) : value));
        return normalized;
    }

    /** Hex SHA-256 of the normalized document's canonical JSON. */
    public static String of(JsonNode document) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(normalize(document));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode normalizeRows(ArrayNode rows) {
        List<JsonNode> normalized = new ArrayList<>();
        rows.forEach(row -> normalized.add(row.isObject() ? normalize(row) : row));
        return JSON.createArrayNode().addAll(normalized);
    }
}
