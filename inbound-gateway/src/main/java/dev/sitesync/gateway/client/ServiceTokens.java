package dev.sitesync.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's own access token (client credentials, role {@code gateway}) for the site registry, the workers and
 * commerce-guard; fetched once and renewed before it expires, not per call.
 */
@ApplicationScoped
public class ServiceTokens {

    private final OidcClient client;
    private final TokensHelper tokens = new TokensHelper();

    public ServiceTokens(OidcClient client) {
        this.client = client;
    }

    /** The Authorization header value. */
    public Uni<String> authorization() {
        return tokens.getTokens(client).map(current -> "Bearer " + current.getAccessToken());
    }
}
