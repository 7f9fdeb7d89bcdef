package dev.sitesync.frappe.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a Frappe error response, or a failure to get one, into a classified {@link FrappeException}. */
final class ErrorResponses {

    private static final Set<String> MALFORMED_AUTHORIZATION = Set.of("CSRFTokenError", "InvalidAuthorizationHeader",
            "InvalidAuthorizationPrefix", "InvalidAuthorizationToken");
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int MAX_TEXT = 300;

    private final ObjectMapper mapper;
    private final Clock clock;

    ErrorResponses(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    FrappeException fromResponse(String request, int status, String retryAfterHeader, byte[] body) {
        Envelope envelope = parse(body);
        FrappeErrorKind kind = classify(status, envelope.excType());
        Duration retryAfter = kind == FrappeErrorKind.RATE_LIMITED ? retryAfter(retryAfterHeader) : null;
        String detail = envelope.messages().isEmpty()
                ? envelope.fallbackText()
                : envelope.messages().get(0).plainText();
        String message = kind + ": " + request + " answered " + status
                + (envelope.excType() == null ? "" : " " + envelope.excType())
                + (detail.isEmpty() ? "" : ": " + truncate(detail));
        return new FrappeException(kind, status, envelope.excType(), envelope.messages(), retryAfter, message, null);
    }

    static FrappeException fromTransportFailure(String request, Throwable failure) {
        if (failure instanceof FrappeException frappe) {
            return frappe;
        }
        String reason = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " " + truncate(failure.getMessage()));
        return new FrappeException(FrappeErrorKind.UNAVAILABLE, 0, null, List.of(), null,
                "UNAVAILABLE: " + request + " failed: " + reason, failure);
    }

    static FrappeException unreadableSuccess(String request, int status, Throwable cause) {
        return new FrappeException(FrappeErrorKind.UNAVAILABLE, status, null, List.of(), null,
                "UNAVAILABLE: " + request + " answered " + status + " with a body that is not Frappe JSON", cause);
    }

    static FrappeErrorKind classify(int status, String excType) {
        if (status >= 500 || status == 408) {
            return FrappeErrorKind.UNAVAILABLE;
        }
        return switch (status) {
            case 401 -> FrappeErrorKind.AUTHENTICATION;
            case 403 -> FrappeErrorKind.PERMISSION;
            case 404 -> FrappeErrorKind.NOT_FOUND;
            case 409 -> FrappeErrorKind.DUPLICATE;
            case 417 -> "TimestampMismatchError".equals(excType)
                    ? FrappeErrorKind.TIMESTAMP_MISMATCH
                    : FrappeErrorKind.VALIDATION;
            case 429 -> FrappeErrorKind.RATE_LIMITED;
            case 400 -> excType != null && MALFORMED_AUTHORIZATION.contains(excType)
                    ? FrappeErrorKind.AUTHENTICATION
                    : FrappeErrorKind.BAD_REQUEST;
            default -> FrappeErrorKind.BAD_REQUEST;
        };
    }

    /** Seconds or an HTTP date (RFC 9110); an unreadable value gives no hint rather than a wrong one. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private Envelope parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                return fromJson(mapper.readTree(text));
            } catch (IOException notJson) {
                return new Envelope(null, List.of(), text);
            }
        }
        return new Envelope(null, List.of(), htmlText(text));
    }

    private Envelope fromJson(JsonNode json) {
        List<ServerMessage> messages = new ArrayList<>(serverMessages(json.path("_server_messages")));
        String excType = text(json, "exc_type");
        // v2 answers {"errors":[{"type","message","title","indicator"}]}
        for (JsonNode error : json.path("errors")) {
            excType = excType == null ? text(error, "type") : excType;
            messages.add(new ServerMessage(text(error, "message"), text(error, "title"), text(error, "indicator")));
        }
        String fallback = firstNonNull(text(json, "message"), text(json, "exception"), "");
        return new Envelope(excType, messages, fallback);
    }

    /** {@code _server_messages} is a JSON string holding a JSON array of JSON strings, each a message object. */
    private List<ServerMessage> serverMessages(JsonNode encoded) {
        if (!encoded.isTextual()) {
            return List.of();
        }
        List<ServerMessage> messages = new ArrayList<>();
        try {
            for (JsonNode entry : mapper.readTree(encoded.asText())) {
                JsonNode message = entry.isTextual() ? readOrText(entry.asText()) : entry;
                if (message.isObject()) {
                    messages.add(new ServerMessage(text(message, "message"), text(message, "title"),
                            text(message, "indicator")));
                } else {
                    messages.add(new ServerMessage(message.asText(), null, null));
                }
            }
        } catch (IOException unreadable) {
            messages.add(new ServerMessage(encoded.asText(), null, null));
        }
        return messages;
    }

    private JsonNode readOrText(String value) {
        try {
            return mapper.readTree(value);
        } catch (IOException plainText) {
            return mapper.getNodeFactory().textNode(value);
        }
    }

    private static String htmlText(String html) {
        Matcher title = HTML_TITLE.matcher(html);
        if (title.find()) {
            return title.group(1).trim();
        }
        return html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "...";
    }

    private record Envelope(String excType, List<ServerMessage> messages, String fallbackText) {
    }

    static String describe(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }
}
