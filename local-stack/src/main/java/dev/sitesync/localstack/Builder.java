package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what the stack needs and does not find: a service whose runnable jar is missing (or all, on --rebuild), and
 * Keycloak's distribution, which local-stack's build unpacks from Maven Central.
 */
final class Builder {

    static final List<String> SERVICE_MODULES = List.of("frappe-sim", "identity-service", "ownership-service",
            "sync-worker", "inbound-gateway", "commerce-guard", "console");

    private final StackOptions options;
    private final Progress progress;

    Builder(StackOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    void buildMissing(boolean keycloakNeeded) {
        List<String> modules = new ArrayList<>();
        for (String module : SERVICE_MODULES) {
            if (options.rebuild() || !Files.exists(ManagedService.runnerJar(options.root(), module))) {
                modules.add(module);
            }
        }
        if (keycloakNeeded && KeycloakServer.distribution(options.root()) == null) {
            progress.step("Unpacking Keycloak from the Maven repository (the first time downloads 177 MB)");
            // only the unpack execution: the launcher's own jar is in use
            runOrFail(List.of(options.root().resolve("mvnw").toString(), "-B", "-q", "-pl", "local-stack",
                    "dependency:unpack@keycloak"));
        }
        if (modules.isEmpty()) {
            progress.step("Services already built (./run-stack --rebuild builds them again)");
            return;
        }
        progress.step("Building " + String.join(", ", modules) + " (the first build downloads dependencies: minutes)");
        runOrFail(List.of(options.root().resolve("mvnw").toString(), "-B", "-q", "package", "-DskipTests",
                "-pl", String.join(",", modules), "-am"));
    }

    private void runOrFail(List<String> command) {
        int exit = run(command);
        if (exit != 0) {
            throw new StackFailure("The build failed (exit " + exit + "); run '" + String.join(" ", command)
                    + "' to see why.");
        }
    }

    private int run(List<String> command) {
        try {
            Process build = new ProcessBuilder(command).directory(options.root().toFile()).inheritIO().start();
            return build.waitFor();
        } catch (IOException e) {
            throw new StackFailure("Cannot run the Maven wrapper (" + e.getMessage() + "); is ./mvnw executable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while building.");
        }
    }
}
