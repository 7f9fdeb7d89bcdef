package dev.sitesync.frappe.sim.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.engine.ListRequest;

/** Reads {@code get_list}'s arguments as Frappe does: JSON or plain fields, {@code limit} as an alias, 0 = all. */
@ApplicationScoped
public class ListRequests {

    private final Bodies bodies;

    public ListRequests(Bodies bodies) {
        this.bodies = bodies;
    }

    /** From a GET's query string: the first value of each parameter, as Frappe's {@code frappe.form_dict} holds it. */
    public ListRequest fromQuery(String doctype, UriInfo uri, String startKey, String lengthKey) {
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, values) -> arguments.put(key, TextNode.valueOf(values.get(0))));
        return from(doctype, arguments, startKey, lengthKey);
    }

    public ListRequest from(String doctype, Map<String, JsonNode> arguments, String startKey, String lengthKey) {
        if (arguments.containsKey("group_by") && !text(arguments.get("group_by")).isEmpty()) {
            throw FrappeError.dataError("group_by is not supported by this site");
        }
        return new ListRequest(doctype, fields(arguments.get("fields")), bodies.json(arguments.get("filters")),
                bodies.json(arguments.get("or_filters")), emptyToNull(text(arguments.get("order_by"))),
                integer(arguments.get(startKey), 0),
                integer(arguments.containsKey(lengthKey) ? arguments.get(lengthKey) : arguments.get("limit"),
                        ListRequest.DEFAULT_PAGE_LENGTH),
                !"false".equalsIgnoreCase(text(arguments.get("as_dict")))
                        && !"0".equals(text(arguments.get("as_dict"))));
    }

    private List<String> fields(JsonNode argument) {
        JsonNode fields = bodies.json(argument);
        List<String> names = new ArrayList<>();
        if (fields == null) {
            return names;
        }
        if (fields.isArray()) {
            fields.forEach(field -> names.add(field.asText()));
        } else {
            for (String field : fields.asText().split(",")) {
                if (!field.isBlank()) {
                    names.add(field.trim());
                }
            }
        }
        return names;
    }

    private static int integer(JsonNode argument, int fallback) {
        String text = text(argument);
        if (text.isEmpty() || "None".equals(text) || "null".equals(text)) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw FrappeError.dataError("Invalid limit: " + text);
        }
    }

    private static String text(JsonNode argument) {
        return argument == null || argument.isNull() ? "" : argument.asText().trim();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
