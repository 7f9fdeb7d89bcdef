package dev.sitesync.worker.domain;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a document on the site holds what we sent: every field we sent has the same value there (numbers compared
 * as numbers, child rows by the fields we sent in them; fields the site fills itself are ignored). It tells our own
 * write, whose answer was lost, from someone else's edit.
 */
public final class PayloadMatch {

    /** What the site stamps on every row; never part of what we send. */
    private static final Set<String> SERVER_FIELDS = Set.of("name", "owner", "creation", "modified", "modified_by",
            "idx", "parent", "parentfield", "parenttype", "docstatus", "doctype");

    private PayloadMatch() {
    }

    public static boolean holds(JsonNode actual, JsonNode sent) {
        if (sent == null || sent.isNull()) {
            return actual == null || actual.isNull() || actual.isMissingNode() || actual.asText().isEmpty();
        }
        if (sent.isObject()) {
            if (actual == null || !actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = sent.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!SERVER_FIELDS.contains(field.getKey()) && !holds(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sent.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != sent.size()) {
                return false;
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!holds(actual.get(i), sent.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            return sent.isNumber() ? sent.decimalValue().signum() == 0 : sent.asText().isEmpty();
        }
        if (sent.isNumber() || actual.isNumber()) {
            BigDecimal expected = number(sent);
            BigDecimal found = number(actual);
            return expected != null && found != null && expected.compareTo(found) == 0;
        }
        return sent.asText().equals(actual.asText());
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
