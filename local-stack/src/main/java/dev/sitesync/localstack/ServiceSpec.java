package dev.sitesync.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One SiteSync service as the local stack runs it: its Maven module, port and database.
 *
 * @param database the service's own database, or null for a service without one
 * @param environment what the service needs beyond the database and the issuer (paths relative to the repository)
 */
public record ServiceSpec(String name, String module, int port, String database, Map<String, String> environment) {

    /** Every service the stack starts, in start order. Later services join this list. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("identity-service", "identity-service", 8081, "identity", Map.of()),
            new ServiceSpec("ownership-service", "ownership-service", 8082, "ownership", Map.of(
                    "SITESYNC_OWNERSHIP_POLICY_FILE", "ownership-service/src/main/resources/policy/example-policy.yaml")));

    public Path runnerJar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
