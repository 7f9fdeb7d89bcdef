package dev.sitesync.guard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sitesync.support.payment.PaymentSignature;

class PaymentSignatureTest {

    private static final byte[] BODY = "{\"eventId\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_795_000_000L);

    private final PaymentSignature signature = new PaymentSignature(List.of("current", "previous"),
            Duration.ofMinutes(5));

    @Test
    void aSignatureOfThisBodyWithinTheWindowIsValid() {
        String header = PaymentSignature.sign("current", NOW.getEpochSecond() - 299, BODY);

        assertThat(signature.verify(header, BODY, NOW).valid()).isTrue();
    }

    @Test
    void theKnownVectorMatches() {
        // echo -n '1795000000.{"eventId":"evt-1"}' | openssl dgst -sha256 -hmac current
        assertThat(PaymentSignature.sign("current", NOW.getEpochSecond(), BODY))
                .isEqualTo("t=1795000000,v1=8ffff01408c8fdcc2c1ed1b0e22e1fbc28fc0c9d253c80fe11157fd8059989b5");
    }

    @Test
    void aSignatureUnderThePreviousSecretIsValidDuringRotation() {
        assertThat(signature.verify(PaymentSignature.sign("previous", NOW.getEpochSecond(), BODY), BODY, NOW).valid())
                .isTrue();
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedEvenWithTheRightMac() {
        PaymentSignature.Check stale = signature.verify(PaymentSignature.sign("current", NOW.getEpochSecond() - 301,
                BODY), BODY, NOW);
        PaymentSignature.Check future = signature.verify(PaymentSignature.sign("current", NOW.getEpochSecond() + 301,
                BODY), BODY, NOW);

        assertThat(stale.valid()).isFalse();
        assertThat(stale.reason()).contains("outside the 300 s window");
        assertThat(future.valid()).isFalse();
    }

    @Test
    void anotherBodyAnotherSecretOrAMovedTimestampIsRefused() {
        String header = PaymentSignature.sign("current", NOW.getEpochSecond(), BODY);
        String moved = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() - 1));

        assertThat(signature.verify(header, "{}".getBytes(StandardCharsets.UTF_8), NOW).valid()).isFalse();
        assertThat(signature.verify(PaymentSignature.sign("guessed", NOW.getEpochSecond(), BODY), BODY, NOW).valid())
                .isFalse();
        assertThat(signature.verify(moved, BODY, NOW).valid()).isFalse();
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThat(signature.verify(null, BODY, NOW).valid()).isFalse();
        assertThat(signature.verify("v1=abc", BODY, NOW).reason()).contains("t=<unix seconds>");
        assertThat(signature.verify("t=soon,v1=abc", BODY, NOW).valid()).isFalse();
    }
}
