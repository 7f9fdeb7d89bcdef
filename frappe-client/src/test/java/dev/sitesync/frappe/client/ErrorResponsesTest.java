package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ErrorResponsesTest {

    private static final String NOT_FOUND_V15 = "{\"exc_type\":\"DoesNotExistError\",\"_server_messages\":"
            + "\"[\\\"{\\\\\\\"message\\\\\\\":\\\\\\\"Item WIDGET-404 not found\\\\\\\",\\\\\\\"title\\\\\\\":"
            + "\\\\\\\"Message\\\\\\\",\\\\\\\"indicator\\\\\\\":\\\\\\\"red\\\\\\\",\\\\\\\"raise_exception\\\\\\\":1,"
            + "\\\\\\\"__frappe_exc_id\\\\\\\":\\\\\\\"a1b2c3d4e5\\\\\\\"}\\\"]\"}";

    private final ErrorResponses errors = new ErrorResponses(new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void theContractsDoublyEncodedEnvelopeIsReadIntoTypeAndMessages() {
        FrappeException e = errors.fromResponse("GET /api/resource/Item/WIDGET-404", 404, null, bytes(NOT_FOUND_V15));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.NOT_FOUND);
        assertThat(e.excType()).contains("DoesNotExistError");
        assertThat(e.serverMessages()).containsExactly(new ServerMessage("Item WIDGET-404 not found", "Message", "red"));
        assertThat(e.getMessage()).isEqualTo(
                "NOT_FOUND: GET /api/resource/Item/WIDGET-404 answered 404 DoesNotExistError: Item WIDGET-404 not found");
    }

    @Test
    void statusesAreClassifiedExactly() {
        assertThat(ErrorResponses.classify(401, "AuthenticationError")).isEqualTo(FrappeErrorKind.AUTHENTICATION);
        assertThat(ErrorResponses.classify(403, "PermissionError")).isEqualTo(FrappeErrorKind.PERMISSION);
        assertThat(ErrorResponses.classify(404, null)).isEqualTo(FrappeErrorKind.NOT_FOUND);
        assertThat(ErrorResponses.classify(409, "DuplicateEntryError")).isEqualTo(FrappeErrorKind.DUPLICATE);
        assertThat(ErrorResponses.classify(417, "MandatoryError")).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(ErrorResponses.classify(417, "LinkValidationError")).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(ErrorResponses.classify(417, "TimestampMismatchError"))
                .isEqualTo(FrappeErrorKind.TIMESTAMP_MISMATCH);
        assertThat(ErrorResponses.classify(429, "TooManyRequestsError")).isEqualTo(FrappeErrorKind.RATE_LIMITED);
        assertThat(ErrorResponses.classify(500, "QueryDeadlockError")).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.classify(502, null)).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.classify(503, "SessionStopped")).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.classify(408, null)).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.classify(400, "InvalidAuthorizationToken")).isEqualTo(FrappeErrorKind.AUTHENTICATION);
        assertThat(ErrorResponses.classify(400, null)).isEqualTo(FrappeErrorKind.BAD_REQUEST);
        assertThat(ErrorResponses.classify(415, "UnsupportedMediaType")).isEqualTo(FrappeErrorKind.BAD_REQUEST);
    }

    @Test
    void onlyRateLimitsAndUnavailabilityAreRetryable() {
        assertThat(FrappeErrorKind.values()).filteredOn(FrappeErrorKind::retryable)
                .containsExactlyInAnyOrder(FrappeErrorKind.RATE_LIMITED, FrappeErrorKind.UNAVAILABLE);
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        FrappeException seconds = errors.fromResponse("GET /x", 429, "7", bytes("{\"exc_type\":\"TooManyRequestsError\"}"));
        FrappeException date = errors.fromResponse("GET /x", 429, "Thu, 01 Jan 2026 00:00:30 GMT", bytes(""));
        FrappeException garbage = errors.fromResponse("GET /x", 429, "soon", bytes(""));

        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(garbage.retryAfter()).isEmpty();
        assertThat(garbage.kind()).isEqualTo(FrappeErrorKind.RATE_LIMITED);
    }

    @Test
    void anHtmlErrorPageIsClassifiedByStatusAndDescribedByItsTitle() {
        FrappeException e = errors.fromResponse("GET /api/resource/Item", 502, null,
                bytes("<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(e.excType()).isEmpty();
        assertThat(e.getMessage()).endsWith("answered 502: 502 Bad Gateway");
    }

    @Test
    void aV13EnvelopeWithoutExcTypeStillClassifiesByStatus() {
        FrappeException e = errors.fromResponse("PUT /x", 417, null,
                bytes("{\"_server_messages\":\"[\\\"{\\\\\\\"message\\\\\\\": \\\\\\\"Cannot edit\\\\\\\"}\\\"]\"}"));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(e.excType()).isEmpty();
        assertThat(e.serverMessages()).extracting(ServerMessage::message).containsExactly("Cannot edit");
    }

    @Test
    void aV2ErrorBodyIsRead() {
        FrappeException e = errors.fromResponse("GET /api/v2/document/Item/X", 404, null,
                bytes("{\"errors\":[{\"type\":\"DoesNotExistError\",\"message\":\"Item X not found\"}]}"));

        assertThat(e.excType()).contains("DoesNotExistError");
        assertThat(e.serverMessages()).extracting(ServerMessage::message).containsExactly("Item X not found");
    }

    @Test
    void aLoginFailureMessageIsKept() {
        FrappeException e = errors.fromResponse("POST /api/method/login", 401, null,
                bytes("{\"message\":\"Invalid login credentials\",\"exc_type\":\"AuthenticationError\"}"));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).endsWith("AuthenticationError: Invalid login credentials");
    }

    @Test
    void transportFailuresAreUnavailable() {
        assertThat(ErrorResponses.fromTransportFailure("GET /x", new ConnectException("Connection refused")).kind())
                .isEqualTo(FrappeErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.fromTransportFailure("GET /x", new TimeoutException()).kind())
                .isEqualTo(FrappeErrorKind.UNAVAILABLE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
