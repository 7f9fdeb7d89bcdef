package dev.sitesync.frappe.sim.webhook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code webhook.get_webhook_data}: the fields listed in {@code webhook_data} under their keys ("Form URL-Encoded"),
 * or the {@code webhook_json} template rendered with the document ("JSON"), serialised as v15 does.
 */
final class WebhookPayloads {

    /** The template substitutions supported: {@code {{ doc.fieldname }}}, rendered as Jinja's {@code str()}. */
    private static final Pattern DOC_FIELD = Pattern.compile("\\{\\{\\s*doc\\.([a-zA-Z0-9_]+)\\s*}}");

    private final ObjectMapper mapper;

    WebhookPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The request body: {@code json.dumps(data)}, exactly the bytes v15 signs. */
    String body(JsonNode webhook, JsonNode doc) {
        String template = webhook.path("webhook_json").asText("");
        if ("JSON".equals(webhook.path("request_structure").asText()) && !template.isBlank()) {
            return PythonJson.dumps(render(template, doc));
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (JsonNode row : webhook.path("webhook_data")) {
            JsonNode value = doc.get(row.path("fieldname").asText());
            data.set(row.path("key").asText(), value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return PythonJson.dumps(data);
    }

    private JsonNode render(String template, JsonNode doc) {
        Matcher matcher = DOC_FIELD.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = doc.get(matcher.group(1));
            String text = value == null || value.isNull()
                    ? "None"
                    : value.isFloatingPointNumber() ? PythonJson.floatRepr(value.doubleValue()) : value.asText();
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(rendered);
        try {
            return mapper.readTree(rendered.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The webhook's JSON template does not render to JSON", e);
        }
    }
}
