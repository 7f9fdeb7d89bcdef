package dev.sitesync.frappe.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Frappe's {@code X-Frappe-Webhook-Signature}: standard base64 of HMAC-SHA256 keyed with the webhook secret (UTF-8)
 * over the request body. Verification works on the raw body bytes, as received, because v15 and develop serialise
 * differently and re-serialising would break the match.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Frappe-Webhook-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    /** True when the header is the signature of the body; compared in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = hmac(secret, body);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java runtime ships HmacSHA256, and any key length is valid for HMAC
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
