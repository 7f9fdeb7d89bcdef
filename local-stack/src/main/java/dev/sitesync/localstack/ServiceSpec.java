package dev.sitesync.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One SiteSync service as the local stack runs it: its Maven module, port and database.
 *
 * @param database the service's own database, or null for a service without one
 */
public record ServiceSpec(String name, String module, int port, String database) {

    /** Every service the stack starts, in start order. Later services join this list. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("identity-service", "identity-service", 8081, "identity"));

    public Path runnerJar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
