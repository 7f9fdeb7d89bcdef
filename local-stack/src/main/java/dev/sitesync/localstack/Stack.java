package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sitesync.testsupport.oidc.TestIssuer;
import dev.sitesync.testsupport.postgres.LocalPostgres;
import dev.sitesync.testsupport.process.JavaService;
import dev.sitesync.testsupport.process.Ports;

/**
 * The running stack. Starts each part in order and, if any part fails, stops what already started before the failure
 * is reported; {@link #close()} stops everything in reverse order.
 */
final class Stack implements AutoCloseable {

    static final List<String> TOKEN_ROLES = List.of("sync-admin", "sync-worker", "sre", "auditor");

    private final StackOptions options;
    private final Progress progress;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<JavaService> services = new ArrayList<>();
    private LocalPostgres postgres;
    private TestIssuer issuer;

    private Stack(StackOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    static Stack start(StackOptions options, Progress progress) {
        Stack stack = new Stack(options, progress);
        try {
            stack.startAll();
            return stack;
        } catch (StackFailure e) {
            stack.close();
            throw e;
        } catch (IllegalStateException e) {
            stack.close();
            throw new StackFailure(e.getMessage());
        }
    }

    private void startAll() {
        if (options.fresh()) {
            progress.step("Deleting " + options.stateDir() + " (--fresh)");
            deleteRecursively(options.stateDir());
        }
        new Builder(options, progress).buildMissing(ServiceSpec.ALL);
        ServiceSpec.ALL.forEach(service -> ensureFree(service.port(), service.name()));
        ensureFree(options.postgresPort(), "PostgreSQL (set SITESYNC_PG_PORT to use another)");

        progress.step("Starting PostgreSQL on 127.0.0.1:" + options.postgresPort());
        postgres = LocalPostgres.start(options.stateDir().resolve("postgres"), options.postgresPort());
        running.push(postgres);

        progress.step("Starting the development OIDC issuer");
        issuer = TestIssuer.startSeparate();
        running.push(issuer);
        writeTokens();

        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("SITESYNC_START_TIMEOUT", "90")));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            progress.step("Starting " + spec.name() + " on " + spec.url());
            if (spec.database() != null) {
                postgres.ensureDatabase(spec.database());
            }
            JavaService service = JavaService.start(spec.name(), spec.runnerJar(options.root()), spec.port(),
                    options.root(), options.stateDir().resolve("logs"), environment(spec));
            running.push(service);
            services.add(service);
            service.awaitReady(timeout);
            progress.step(spec.name() + " is ready (pid " + service.pid() + ")");
        }
    }

    private Map<String, String> environment(ServiceSpec spec) {
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(spec.database()),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(spec.database()),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url(),
                "QUARKUS_OIDC_TOKEN_AUDIENCE", TestIssuer.AUDIENCE,
                "SITESYNC_LOG_JSON", String.valueOf(options.jsonLogs())));
        return environment;
    }

    private void writeTokens() {
        Path tokens = tokenDir();
        try {
            Files.createDirectories(tokens);
            for (String role : TOKEN_ROLES) {
                String token = issuer.tokens().subject("local-" + role).roles(role).expiresIn(Duration.ofHours(12)).sign();
                Files.writeString(tokens.resolve(role + ".jwt"), token);
            }
        } catch (IOException e) {
            throw new StackFailure("Cannot write tokens to " + tokens + ": " + e.getMessage());
        }
    }

    Path tokenDir() {
        return options.stateDir().resolve("tokens");
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append("%nSiteSync is ready (%.1f s).%n".formatted(progress.elapsed().toMillis() / 1000.0));
        for (JavaService service : services) {
            String url = service.url();
            text.append("  %-18s %s   health %s/q/health   metrics %s/q/metrics   API %s/q/openapi%n"
                    .formatted(service.name(), url, url, url, url));
        }
        text.append("  %-18s 127.0.0.1:%d (user %s)%n".formatted("PostgreSQL", postgres.port(), LocalPostgres.USER));
        text.append("  %-18s %s   tokens for %s in %s/%n".formatted("OIDC issuer", issuer.url(),
                String.join(", ", TOKEN_ROLES), tokenDir()));
        text.append("  %-18s %s/%n".formatted("Logs", options.stateDir().resolve("logs")));
        text.append("""

                Try:
                  curl -s -H "Authorization: Bearer $(cat %s)" -H 'Content-Type: application/json' \\
                       -d '{"items":[{"site":"central","doctype":"Item","localName":"SKU-001"}],"assign":true}' \\
                       http://127.0.0.1:8081/api/v1/identities/resolve

                Press Ctrl-C to stop.
                """.formatted(tokenDir().resolve("sync-worker.jwt")));
        return text.toString();
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    private static void ensureFree(int port, String user) {
        if (!Ports.isFree(port)) {
            throw new StackFailure("Port " + port + " for " + user + " is in use; stop what listens there (ss -ltnp 'sport = :"
                    + port + "') or stop the other stack.");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StackFailure("Cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
