package dev.sitesync.gateway.api;

import java.util.Set;

/**
 * A service caller whose token verified.
 *
 * @param clientId the OIDC client the token was issued to ({@code azp}, else {@code client_id}, else the subject):
 *        the key of IP scopes and rate limits
 */
record Caller(String subject, String clientId, Set<String> roles) {
}
