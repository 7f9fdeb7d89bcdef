package dev.sitesync.frappe.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code Webhook} document: on {@code docEvent} of {@code doctype}, POST the listed fields as JSON to
 * {@code requestUrl}, signed with {@code secret}. The secret is not shown by {@link #toString()}.
 *
 * @param docEvent one of {@code after_insert, on_update, on_submit, on_cancel, on_trash, on_update_after_submit,
 *        on_change}
 * @param fields the document fields sent, each under its own name ("Form URL-Encoded" structure, sent as JSON)
 * @param headers extra request headers, e.g. {@code Content-Type} (Frappe sends none unless configured)
 * @param condition a {@code safe_eval} expression over {@code doc}: the webhook is sent only when it holds; {@code null}
 *        for always
 */
public record WebhookSpec(String doctype, String docEvent, String requestUrl, List<String> fields, String secret,
        Map<String, String> headers, String condition) {

    public WebhookSpec {
        Objects.requireNonNull(doctype, "doctype");
        Objects.requireNonNull(docEvent, "docEvent");
        Objects.requireNonNull(requestUrl, "requestUrl");
        fields = List.copyOf(fields);
        headers = Map.copyOf(headers);
    }

    /** A webhook sent on every {@code docEvent}. */
    public WebhookSpec(String doctype, String docEvent, String requestUrl, List<String> fields, String secret,
            Map<String, String> headers) {
        this(doctype, docEvent, requestUrl, fields, secret, headers, null);
    }

    public WebhookSpec withCondition(String expression) {
        return new WebhookSpec(doctype, docEvent, requestUrl, fields, secret, headers, expression);
    }

    /**
     * The condition that holds unless {@code user} made the change: Frappe evaluates it on the document as saved, whose
     * {@code modified_by} is who saved it.
     */
    public static String notModifiedBy(String user) {
        // Frappe user names are e-mail addresses or Administrator: never a quote to escape
        return "doc.modified_by != \"" + user + "\"";
    }

    ObjectNode toDocument() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode doc = json.objectNode();
        doc.put("webhook_doctype", doctype);
        doc.put("webhook_docevent", docEvent);
        doc.put("request_url", requestUrl);
        doc.put("request_method", "POST");
        doc.put("request_structure", "Form URL-Encoded");
        doc.put("enabled", 1);
        doc.put("enable_security", secret == null ? 0 : 1);
        if (secret != null) {
            doc.put("webhook_secret", secret);
        }
        if (condition != null) {
            doc.put("condition", condition);
        }
        ArrayNode data = doc.putArray("webhook_data");
        fields.forEach(field -> data.addObject().put("fieldname", field).put("key", field));
        ArrayNode headerRows = doc.putArray("webhook_headers");
        headers.forEach((key, value) -> headerRows.addObject().put("key", key).put("value", value));
        return doc;
    }

    @Override
    public String toString() {
        return "WebhookSpec[doctype=" + doctype + ", docEvent=" + docEvent + ", requestUrl=" + requestUrl
                + ", fields=" + fields + ", secret=" + (secret == null ? "none" : "***") + ", headers="
                + headers.keySet() + ", condition=" + condition + "]";
    }
}
