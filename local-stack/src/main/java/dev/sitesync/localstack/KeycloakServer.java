package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Readiness;

/**
 * Keycloak from its Maven Central distribution (unpacked by local-stack's build), in development mode on loopback,
 * with the realm file the Helm chart uses. Its database lives in the stack's state directory, so a restart keeps it
 * and the realm is imported only into an empty one.
 */
final class KeycloakServer implements Issuer {

    static final String REALM = "sitesync";
    static final String REALM_FILE = "helm/sitesync/files/sitesync-realm.json";
    static final String ADMIN = "admin";

    private final Process process;
    private final Path log;
    private final int port;
    private final ClientTokens tokens;

    private KeycloakServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.tokens = new ClientTokens(tokenEndpoint(), this::secret);
    }

    /** The unpacked distribution, or null when the build has not unpacked it yet. */
    static Path distribution(Path root) {
        Path parent = root.resolve("local-stack/target/keycloak");
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Starts Keycloak; {@link #awaitReady} waits for the realm. */
    static KeycloakServer start(Path root, Path stateDir, int port, int managementPort) {
        Path home = distribution(root);
        if (home == null) {
            throw new StackFailure("Keycloak's distribution is missing; run ./mvnw -pl local-stack package.");
        }
        Path logDir = stateDir.resolve("logs");
        Path log = logDir.resolve("keycloak.log");
        Path data = stateDir.resolve("keycloak");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(data);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(root.resolve(REALM_FILE), imports.resolve("sitesync-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackFailure("Cannot prepare Keycloak's files: " + e.getMessage());
        }
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--import-realm",
                // the stack's own H2 file, kept with the other state and deleted with --fresh
                "--db-url=jdbc:h2:file:" + data.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        List<String> extraOptions = JavaService.extraJvmOptions();
        if (!extraOptions.isEmpty()) {
            // kc.sh appends these to its own JVM options
            builder.environment().put("JAVA_OPTS_APPEND", String.join(" ", extraOptions));
        }
        try {
            return new KeycloakServer(builder.start(), log, port);
        } catch (IOException e) {
            throw new StackFailure("Cannot start Keycloak: " + e.getMessage());
        }
    }

    void awaitReady(Duration timeout) {
        try {
            Readiness.await("Keycloak", url() + "/.well-known/openid-configuration", process, log, timeout);
        } catch (Readiness.NotReadyException e) {
            throw StackFailure.notReady(e);
        }
    }

    String consoleUrl() {
        return "http://127.0.0.1:" + port + "/admin/master/console/";
    }

    long pid() {
        return process.pid();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** As the realm file resolves it: SITESYNC_SECRET_<CLIENT> when set, else its development default. */
    @Override
    public String secret(String clientId) {
        return System.getenv().getOrDefault(ExternalIssuer.secretVariable(clientId), "local-" + clientId);
    }

    @Override
    public String token(String clientId) {
        return tokens.token(clientId);
    }

    @Override
    public String tokenEndpoint() {
        return url() + "/protocol/openid-connect/token";
    }

    /** kc.sh forwards TERM to its JVM; anything still running after that is ended forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
