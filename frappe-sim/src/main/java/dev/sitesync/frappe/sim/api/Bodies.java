package dev.sitesync.frappe.sim.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sitesync.frappe.sim.engine.FrappeError;

/**
 * Request arguments as {@code frappe.form_dict} holds them: query string and form merged, or a JSON body replacing
 * them; documents from a JSON body or a form field {@code data} ({@code get_request_form_data}).
 */
@ApplicationScoped
public class Bodies {

    private final ObjectMapper mapper;

    public Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode document(String body, HttpHeaders headers) {
        Map<String, String> form = isForm(headers) ? form(body) : Map.of();
        String json = isForm(headers) ? form.getOrDefault("data", "{}") : body;
        JsonNode parsed = parse(json == null || json.isBlank() ? "{}" : json);
        if (!parsed.isObject()) {
            throw FrappeError.validation("The request body must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    /** The arguments of a method call: query parameters, overridden by the form or JSON body. */
    public Map<String, JsonNode> arguments(MultivaluedMap<String, String> query, String body, HttpHeaders headers) {
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        query.forEach((key, values) -> arguments.put(key, TextNode.valueOf(values.get(0))));
        if (body == null || body.isBlank()) {
            return arguments;
        }
        if (isForm(headers)) {
            form(body).forEach((key, value) -> arguments.put(key, TextNode.valueOf(value)));
        } else {
            JsonNode json = parse(body);
            if (json.isObject()) {
                json.fields().forEachRemaining(field -> arguments.put(field.getKey(), field.getValue()));
            }
        }
        return arguments;
    }

    /** An argument that may arrive as JSON text (query string, form) or as JSON already (JSON body). */
    public JsonNode json(JsonNode argument) {
        if (argument == null || argument.isNull()) {
            return null;
        }
        if (argument.isTextual()) {
            String text = argument.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            if (text.startsWith("[") || text.startsWith("{")) {
                return parse(text);
            }
        }
        return argument;
    }

    public JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw FrappeError.validation("Invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isForm(HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        return type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }
}
