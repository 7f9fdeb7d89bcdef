package dev.sitesync.localstack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An issuer the stack does not run ({@code SITESYNC_OIDC_ISSUER}), with the realm file's clients and their secrets
 * from {@code SITESYNC_SECRET_<CLIENT>}.
 */
public final class ExternalIssuer implements Issuer {

    private final String url;
    private final Map<String, String> secrets;
    private final String tokenEndpoint;
    private final ClientTokens tokens;

    private ExternalIssuer(String url, Map<String, String> secrets) {
        this.url = url.replaceAll("/+$", "");
        this.secrets = secrets;
        this.tokenEndpoint = ClientTokens.discoverTokenEndpoint(this.url);
        this.tokens = new ClientTokens(tokenEndpoint, this::secret);
    }

    /** The external issuer when SITESYNC_OIDC_ISSUER is set; every client's secret must be given too. */
    static Optional<Issuer> fromEnvironment(Map<String, String> environment) {
        String url = environment.get("SITESYNC_OIDC_ISSUER");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> secrets = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String client : CLIENTS) {
            String variable = secretVariable(client);
            String secret = environment.get(variable);
            if (secret == null || secret.isBlank()) {
                missing.add(variable);
            } else {
                secrets.put(client, secret);
            }
        }
        if (!missing.isEmpty()) {
            throw new StackFailure("SITESYNC_OIDC_ISSUER is set but these client secrets are not: "
                    + String.join(", ", missing) + ".");
        }
        return Optional.of(new ExternalIssuer(url, secrets));
    }

    /** An issuer already running, e.g. the Keycloak of a running {@code ./run-stack}, with the clients' secrets. */
    public static Issuer of(String url, Map<String, String> secrets) {
        return new ExternalIssuer(url, Map.copyOf(secrets));
    }

    /** Another stack's running issuer, used without owning it: closing this leaves that issuer running. */
    public static Issuer borrowing(Issuer running) {
        Map<String, String> secrets = new HashMap<>();
        CLIENTS.forEach(client -> secrets.put(client, running.secret(client)));
        return of(running.url(), secrets);
    }

    static String secretVariable(String client) {
        return "SITESYNC_SECRET_" + StackSites.envName(client);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String secret(String clientId) {
        return secrets.get(clientId);
    }

    @Override
    public String token(String clientId) {
        return tokens.token(clientId);
    }

    @Override
    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
