package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The worked example of the Frappe contract, section 6. */
class WebhookSignatureTest {

    private static final String SECRET = "s3cr3t-webhook-key";
    private static final byte[] V15_BODY = ("{\"name\": \"SAL-ORD-2024-00042\", \"customer\": \"Acme Corp\", "
            + "\"grand_total\": 1180.0, \"docstatus\": 1, \"modified\": \"2024-01-05 10:11:12.123456\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEVELOP_BODY = ("{\n \"customer\": \"Acme Corp\",\n \"docstatus\": 1,\n"
            + " \"grand_total\": 1180.0,\n \"modified\": \"2024-01-05 10:11:12.123456\",\n"
            + " \"name\": \"SAL-ORD-2024-00042\"\n}").getBytes(StandardCharsets.UTF_8);

    @Test
    void theV15BodyIsSignedAsTheContractsWorkedExampleSays() {
        assertThat(WebhookSignature.sign(SECRET, V15_BODY)).isEqualTo("HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU=");
    }

    @Test
    void theDevelopBodyIsSignedAsTheContractsWorkedExampleSays() {
        assertThat(WebhookSignature.sign(SECRET, DEVELOP_BODY)).isEqualTo("6clv/6TZkwSdW7nHxuVzEgwSTOmCAVmoh+XQ9EDnE8U=");
    }

    @Test
    void givenTheRightSignatureWhenVerifiedThenItMatchesForEitherSerialisation() {
        assertThat(WebhookSignature.verify(SECRET, V15_BODY, "HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU=")).isTrue();
        assertThat(WebhookSignature.verify(SECRET, DEVELOP_BODY, "6clv/6TZkwSdW7nHxuVzEgwSTOmCAVmoh+XQ9EDnE8U="))
                .isTrue();
    }

    @Test
    void givenAChangedBodyOrSecretOrHeaderWhenVerifiedThenItFails() {
        byte[] tampered = V15_BODY.clone();
        tampered[tampered.length - 3] = '7';

        assertThat(WebhookSignature.verify(SECRET, tampered, "HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU=")).isFalse();
        assertThat(WebhookSignature.verify("other", V15_BODY, "HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU=")).isFalse();
        assertThat(WebhookSignature.verify(SECRET, V15_BODY, "not base64 !")).isFalse();
        assertThat(WebhookSignature.verify(SECRET, V15_BODY, null)).isFalse();
    }
}
