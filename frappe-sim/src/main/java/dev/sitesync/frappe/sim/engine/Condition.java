package dev.sitesync.frappe.sim.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The subset of Frappe's {@code safe_eval} conditions the simulator understands (a Webhook's {@code condition}):
 * {@code doc.field} compared with a literal ({@code == != > < >= <=}), {@code doc.field} and {@code not doc.field}
 * for truthiness, joined by {@code and} and {@code or} with Python's precedence. Literals are quoted strings, numbers,
 * {@code True}, {@code False} and {@code None}. Anything else is refused when the condition is saved, as Frappe
 * refuses a condition it cannot evaluate.
 */
public final class Condition {

    private static final Pattern COMPARISON = Pattern.compile(
            "^(not\\s+)?doc\\.([a-zA-Z0-9_]+)(?:\\s*(==|!=|>=|<=|>|<)\\s*(.+))?$");

    private final List<List<Comparison>> alternatives;

    private Condition(List<List<Comparison>> alternatives) {
        this.alternatives = alternatives;
    }

    /** Parses a condition; a {@link FrappeError} (417) names what cannot be evaluated. */
    public static Condition parse(String expression) {
        List<List<Comparison>> alternatives = new ArrayList<>();
        for (String alternative : split(expression.trim(), " or ")) {
            List<Comparison> all = new ArrayList<>();
            for (String part : split(alternative, " and ")) {
                all.add(comparison(part.trim(), expression));
            }
            alternatives.add(all);
        }
        return new Condition(alternatives);
    }

    public boolean matches(JsonNode doc) {
        return alternatives.stream().anyMatch(all -> all.stream().allMatch(comparison -> comparison.holds(doc)));
    }

    private static Comparison comparison(String text, String expression) {
        Matcher matcher = COMPARISON.matcher(text);
        if (!matcher.matches() || (matcher.group(1) != null && matcher.group(3) != null)) {
            throw invalid(expression);
        }
        Object literal = matcher.group(3) == null ? null : literal(matcher.group(4).trim(), expression);
        return new Comparison(matcher.group(1) != null, matcher.group(2), matcher.group(3), literal);
    }

    private static Object literal(String text, String expression) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        switch (text) {
            case "True" :
                return BigDecimal.ONE;
            case "False" :
                return BigDecimal.ZERO;
            case "None" :
                return null;
            default :
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw invalid(expression);
                }
        }
    }

    /** Splits on a keyword outside quoted strings. */
    private static List<String> split(String text, String keyword) {
        List<String> parts = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (text.startsWith(keyword, i)) {
                parts.add(text.substring(start, i));
                start = i + keyword.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static FrappeError invalid(String expression) {
        return FrappeError.validation("Invalid Condition: " + expression);
    }

    private record Comparison(boolean negated, String field, String operator, Object literal) {

        boolean holds(JsonNode doc) {
            JsonNode value = doc.get(field);
            if (operator == null) {
                return truthy(value) != negated;
            }
            int order;
            if (literal == null || value == null || value.isNull()) {
                boolean bothNone = literal == null && (value == null || value.isNull());
                return operator.equals("==") ? bothNone : operator.equals("!=") && !bothNone;
            } else if (literal instanceof BigDecimal number && value.isNumber()) {
                order = value.decimalValue().compareTo(number);
            } else if (literal instanceof String string && value.isTextual()) {
                order = value.asText().compareTo(string);
            } else {
                // Python: a number never equals a string, and ordering them raises
                return operator.equals("!=");
            }
            return switch (operator) {
                case "==" -> order == 0;
                case "!=" -> order != 0;
                case ">" -> order > 0;
                case "<" -> order < 0;
                case ">=" -> order >= 0;
                default -> order <= 0;
            };
        }

        private static boolean truthy(JsonNode value) {
            if (value == null || value.isNull()) {
                return false;
            }
            if (value.isNumber()) {
                return value.decimalValue().signum() != 0;
            }
            return !value.isTextual() || !value.asText().isEmpty();
        }
    }
}
