package dev.sitesync.frappe.sim.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.FrappeError;

/**
 * {@code frappe.auth.validate_auth}: the {@code Authorization} header split on one space must have two parts;
 * {@code token key:secret} or {@code Basic base64(key:secret)} log in by API key. No header means Guest; a two-part
 * header that logs nobody in is a 401.
 */
@ApplicationScoped
public class Authenticator {

    private final ApiKeys keys;

    public Authenticator(ApiKeys keys) {
        this.keys = keys;
    }

    public Caller authenticate(String site, String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return Caller.guest(site);
        }
        String[] parts = authorization.split(" ");
        if (parts.length != 2) {
            return Caller.guest(site);
        }
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        String credentials = switch (scheme) {
            case "token" -> parts[1];
            case "basic" -> decodeBasic(parts[1]);
            default -> null;
        };
        if (credentials != null) {
            String[] keyAndSecret = credentials.split(":");
            // a secret containing ':' breaks Frappe's split too (the ValueError is swallowed), ending in a 401
            if (keyAndSecret.length == 2) {
                return keys.authenticate(site, keyAndSecret[0], keyAndSecret[1]).orElseThrow(
                        () -> FrappeError.authentication("Invalid API key or secret"));
            }
        }
        throw FrappeError.authentication("Not permitted");
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FrappeError("InvalidAuthorizationToken", 400, "Invalid Authorization Token", "Not permitted");
        }
    }
}
