package dev.sitesync.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the webhook path's parsing over generated input: a body or path either parses or is refused with the
 * gateway's own exception, never anything else, and a canonical path never keeps what normalisation removes.
 */
class WebhookPropertiesTest {

    @Property(tries = 400)
    void anyBodyParsesOrIsRefusedAsMalformedOrIncomplete(@ForAll("bodies") String body) {
        try {
            WebhookDocument document = WebhookDocument.parse(body.getBytes(StandardCharsets.UTF_8));
            assertThat(document.doctype()).isNotBlank();
            assertThat(document.name()).isNotEmpty();
            assertThat(document.modified()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?");
        } catch (WebhookDocument.MalformedBody | WebhookDocument.IncompleteBody refused) {
            // a refusal the gateway answers with 400
        }
    }

    @Property(tries = 400)
    void anyPathNormalisesToACanonicalFormOrIsRefused(@ForAll("paths") String raw) {
        try {
            NormalizedPath path = PathNormalizer.normalize(raw);
            assertThat(path.segments()).allSatisfy(segment -> {
                assertThat(segment).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", ";", "\u0000");
            });
            assertThat(PathNormalizer.normalize(NormalizedPath.encode(path.segments(), path.trailingSlash())))
                    .as("the upstream reads the same path").isEqualTo(path);
        } catch (RejectedPath refused) {
            // answered 400 invalid-path
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(WebhookPropertiesTest::quoted),
                Arbitraries.integers().map(String::valueOf), Arbitraries.of("null", "true", "[]", "{}", "1e400", "\"\\ud800\"",
                        "\"2024-01-05 10:11:12.123456\"", "\"Item\"", "\"\\u0000\""));
        Arbitrary<String> keys = Arbitraries.of("doctype", "name", "modified", "docstatus", "", "na\\u006de");
        Arbitrary<String> members = Combinators.combine(keys, values).as((key, value) -> quoted(key) + ":" + value);
        Arbitrary<String> objects = members.list().ofMaxSize(6).map(list -> "{" + String.join(",", list) + "}");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        return Arbitraries.oneOf(objects, objects.map(o -> o + "x"), noise, nested);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("", ".", "..", "%2e", "%2E%2e", "%2f", "%5c", "%00", ";",
                "%3b", "%25", "%252e", "hooks", "api", "v1", "HOOKS", "%c0%ae", "%e2%82%ac", "%", "%g1"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(6));
        return segment.list().ofMaxSize(8).map(list -> "/" + String.join("/", list));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
