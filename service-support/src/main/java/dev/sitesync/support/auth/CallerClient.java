package dev.sitesync.support.auth;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The OIDC client a token was issued to: Keycloak names it in {@code azp} (a client-credentials token's subject is its
 * service account's opaque ID), other issuers in {@code client_id}, and a client-credentials token of a minimal issuer
 * in its subject. This, not anything in a request's body, says which service (which site's worker) is calling.
 */
public final class CallerClient {

    private CallerClient() {
    }

    public static String of(JsonWebToken token) {
        for (String claim : new String[]{"azp", "client_id"}) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return token.getSubject();
    }

    /**
     * The client of a site's worker under a naming pattern such as {@code worker-{site}}: how each service binds a
     * worker's token to the one site it serves.
     */
    public static String workerOf(String pattern, String site) {
        return pattern.replace("{site}", site);
    }
}
