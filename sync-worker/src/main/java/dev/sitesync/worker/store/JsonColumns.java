package dev.sitesync.worker.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A jsonb column as the reactive client returns it (a Vert.x object or array), as Jackson's tree. */
final class JsonColumns {

    private JsonColumns() {
    }

    static JsonNode node(ObjectMapper json, Object value) {
        return value == null
                ? null
                : json.valueToTree(value instanceof JsonObject object
                        ? object.getMap()
                        : value instanceof JsonArray array ? array.getList() : value);
    }
}
