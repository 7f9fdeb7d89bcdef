package dev.sitesync.localstack;

import java.util.List;

/**
 * The OIDC issuer of the stack: Keycloak started here, or an external one. Services verify its tokens; the stack's
 * clients (workers, gateway, storefront, operators) get tokens from it by client credentials.
 */
public interface Issuer extends AutoCloseable {

    /** Every client the stack uses; each exists in {@code sitesync-realm.json}. */
    List<String> CLIENTS = List.of("worker-central", "worker-north", "worker-south", "inbound-gateway",
            "commerce-guard", "storefront", "ops-admin", "ops-sre", "ops-auditor", "console");

    /** The issuer URL, as tokens carry it in {@code iss} and services are configured with. */
    String url();

    String secret(String clientId);

    /** A current access token of the client (client-credentials grant), reused until shortly before it expires. */
    String token(String clientId);

    /** Where a person gets a token with curl. */
    String tokenEndpoint();

    @Override
    void close();

    static String workerClient(String site) {
        return "worker-" + site;
    }
}
