package dev.sitesync.support.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payment provider's callback signature: header {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]} where each
 * {@code v1} is HMAC-SHA256 of {@code "<t>.<raw body>"} under the provider's secret. The timestamp is signed too, so
 * a captured callback cannot be replayed outside the window; several {@code v1} values and several secrets let a
 * provider rotate its secret without a gap. The gateway checks it before it spends anything on a callback (a rate-limit
 * token, a forward); commerce-guard checks it again before it acts on one.
 */
public final class PaymentSignature {

    private final List<byte[]> secrets;
    private final Duration window;

    /** The outcome of a verification; {@code reason} says what failed, never anything secret. */
    public record Check(boolean valid, String reason) {

        static Check ok() {
            return new Check(true, "valid");
        }

        static Check invalid(String reason) {
            return new Check(false, reason);
        }
    }

    public PaymentSignature(List<String> secrets, Duration window) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a provider needs at least one secret");
        }
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.window = window;
    }

    public Check verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Check.invalid("the signature header is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                timestamp = parseSeconds(pair[1]);
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1].toLowerCase());
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Check.invalid("the signature header needs t=<unix seconds> and v1=<hex HMAC>");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
        if (age.compareTo(window) > 0) {
            return Check.invalid("the signature timestamp is %d s away from now, outside the %d s window"
                    .formatted(age.toSeconds(), window.toSeconds()));
        }
        byte[] payload = signedPayload(timestamp, body);
        for (byte[] secret : secrets) {
            byte[] expected = HexFormat.of().formatHex(hmac(secret, payload)).getBytes(StandardCharsets.US_ASCII);
            for (String signature : signatures) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                    return Check.ok();
                }
            }
        }
        return Check.invalid("no v1 signature matches the body under the provider's secret");
    }

    /** The header a provider sends for this body at this time: for tests, simulators and benchmarks. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8), signedPayload(timestampSeconds, body));
        return "t=" + timestampSeconds + ",v1=" + HexFormat.of().formatHex(mac);
    }

    private static byte[] signedPayload(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }

    private static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] hmac(byte[] secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
