package dev.sitesync.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.gateway.peers.PeersResource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated webhooks against the running gateway (headers and JSON from jqwik generators, half of them correctly
 * signed so the parser and the replay store are reached): whatever arrives, the answer is never a 5xx of the
 * gateway's own making and always comes within the time limit.
 */
@QuarkusTest
class WebhookFuzzTest extends GatewayTest {

    private static final int REQUESTS = 150;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    @TestHTTPResource("/hooks/central")
    URI hook;

    private record Attempt(Map<String, String> headers, String body, boolean signed) {
    }

    @Test
    void noGeneratedWebhookIsAnsweredWithAServerErrorOrHangs() throws Exception {
        peers().workerAccepts();
        HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
        List<Attempt> attempts = attempts().sampleStream().limit(REQUESTS).toList();

        for (Attempt attempt : attempts) {
            byte[] body = attempt.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(hook).timeout(ANSWER_WITHIN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            attempt.headers().forEach(request::header);
            if (attempt.signed()) {
                request.header(WebhookSignature.HEADER, WebhookSignature.sign(PeersResource.CENTRAL_SECRET, body));
            }

            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("%s", attempt).isIn(200, 202, 400, 401, 413, 429);
        }
    }

    private static Arbitrary<Attempt> attempts() {
        Arbitrary<String> headerValue = Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
                Arbitraries.of("", "=", "====", "AAAA", "x".repeat(200), "HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU="));
        Arbitrary<String> headerName = Arbitraries.of(WebhookSignature.HEADER, "Content-Type", "X-Forwarded-For",
                "X-Real-IP", "X-Request-Id", "Forwarded", "Content-Encoding", "X-Frappe-Event");
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(headerName, headerValue).ofMaxSize(4);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        Arbitrary<String> value = Arbitraries.oneOf(text, Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "{}", "[]", "\"Item\"", "\"2024-03-01 09:00:00\"", "1e999"));
        Arbitrary<String> member = Combinators.combine(Arbitraries.of("doctype", "name", "modified", "x", ""), value)
                .as((key, v) -> "\"" + key + "\":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> document = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)
                .map(name -> "{\"doctype\":\"Item\",\"name\":\"FUZZ-" + name + "\",\"modified\":\"2024-03-01 09:00:00\"}");
        Arbitrary<String> body = Arbitraries.oneOf(object, document, Arbitraries.strings().ofMaxLength(80),
                Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth)));
        return Combinators.combine(headers, body, Arbitraries.of(true, false))
                .as((h, b, signed) -> new Attempt(signed ? withoutSignature(h) : h, b, signed));
    }

    private static Map<String, String> withoutSignature(Map<String, String> headers) {
        return headers.entrySet().stream().filter(e -> !e.getKey().equals(WebhookSignature.HEADER))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
