package dev.sitesync.frappe.client;

import java.util.Objects;

/**
 * A Frappe API key and secret. The secret leaves this object only inside the {@code Authorization} header, so it never
 * reaches a log line, an exception message or {@link #toString()}.
 */
public final class ApiCredentials {

    private final String key;
    private final String secret;

    public ApiCredentials(String key, String secret) {
        this.key = Objects.requireNonNull(key, "key");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public String key() {
        return key;
    }

    /** {@code token key:secret}, Frappe's API-key scheme (it needs no CSRF token, unlike a cookie session). */
    String authorization() {
        return "token " + key + ":" + secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiCredentials that && key.equals(that.key) && secret.equals(that.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, secret);
    }

    @Override
    public String toString() {
        return "ApiCredentials[key=" + key + ", secret=***]";
    }
}
