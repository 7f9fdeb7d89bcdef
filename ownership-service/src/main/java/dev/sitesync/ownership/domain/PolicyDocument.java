package dev.sitesync.ownership.domain;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.utils.JsonNodes;

/**
 * A valid policy: its YAML text, the parsed tree (which knows each value's line, for errors found later, such as an
 * unannounced ownership transfer) and the model.
 */
public record PolicyDocument(String yaml, JsonNode tree, Policy policy) {

    /** The node of a domain's field (the domain's own node when it has no such field), to point an error at its line. */
    public Optional<JsonNode> domainField(String doctype, String field) {
        for (JsonNode domain : tree.path("domains")) {
            if (doctype.equals(domain.path("doctype").asText())) {
                return Optional.of(domain.has(field) ? domain.get(field) : domain);
            }
        }
        return Optional.empty();
    }

    /** The 1-based line a node starts on. */
    public static int lineOf(JsonNode node) {
        var location = JsonNodes.tokenLocationOf(node);
        return location == null ? 1 : Math.max(1, location.getLineNr());
    }
}
