package dev.sitesync.testsupport.oidc;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sitesync.stack.oidc.LocalIssuer;

/**
 * Points a Quarkus service's quarkus-oidc at this JVM's {@link LocalIssuer}, so tests send real signed bearer tokens
 * ({@code LocalIssuer.shared().token("alice", "sre")}) through the real verification.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.shared();
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer.url(),
                "quarkus.oidc.client-id", "sitesync-service",
                "quarkus.oidc.application-type", "service",
                "quarkus.oidc.token.audience", LocalIssuer.AUDIENCE);
    }

    @Override
    public void stop() {
        // the issuer serves every test of this JVM and stops with it
    }
}
