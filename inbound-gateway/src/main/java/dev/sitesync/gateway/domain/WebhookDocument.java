package dev.sitesync.gateway.domain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.FrappeDatetime;
import dev.sitesync.contracts.constraints.LocalName;

/**
 * What the gateway needs from a webhook body: the document it is about and the version ({@code modified}). The body is
 * only read after its signature matched; it must be one JSON object, without duplicate keys (two readers could pick
 * different values), with these three fields as strings.
 */
public record WebhookDocument(String doctype, String name, String modified) {

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern DOCTYPE = Pattern.compile(DocTypeName.PATTERN);
    private static final Pattern NAME = Pattern.compile(LocalName.PATTERN);
    private static final Pattern MODIFIED = Pattern.compile(FrappeDatetime.PATTERN);

    /** The body is not JSON at all. */
    public static final class MalformedBody extends RuntimeException {

        MalformedBody(String message) {
            super(message, null, false, false);
        }
    }

    /** The body is JSON but lacks a field, or a field is not what Frappe sends. */
    public static final class IncompleteBody extends RuntimeException {

        private final List<String> fields;

        IncompleteBody(List<String> fields) {
            super("Webhook body fields missing or invalid: " + String.join(", ", fields), null, false, false);
            this.fields = List.copyOf(fields);
        }

        public List<String> fields() {
            return fields;
        }
    }

    public static WebhookDocument parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedBody("not a JSON document");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBody("not a JSON object");
        }
        List<String> invalid = new ArrayList<>();
        String doctype = field(root, "doctype", DOCTYPE, invalid);
        String name = field(root, "name", NAME, invalid);
        String modified = field(root, "modified", MODIFIED, invalid);
        if (!invalid.isEmpty()) {
            throw new IncompleteBody(invalid);
        }
        return new WebhookDocument(doctype, name, modified);
    }

    private static String field(JsonNode root, String field, Pattern valid, List<String> invalid) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || !valid.matcher(value.textValue()).matches()) {
            invalid.add(field);
            return null;
        }
        return value.textValue();
    }
}
