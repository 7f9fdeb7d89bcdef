package dev.sitesync.ownership.api;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The OIDC client a token was issued to: Keycloak names it in {@code azp} (a client-credentials token's subject is its
 * service account's opaque ID), other issuers in {@code client_id}, and a client-credentials token of a minimal issuer
 * in its subject.
 */
final class CallerClient {

    private CallerClient() {
    }

    static String of(JsonWebToken token) {
        for (String claim : new String[]{"azp", "client_id"}) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return token.getSubject();
    }
}
