package dev.sitesync.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;

/**
 * Sibling modules' packaged applications, run as processes for a module's tests: each on a free port, with a database
 * of its own on the test PostgreSQL, logging into the test module's {@code target} folder. The reactor must have
 * packaged them first (a test-scoped {@code pom} dependency on the module orders it).
 */
public final class PackagedServices implements AutoCloseable {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private final List<JavaService> started = new ArrayList<>();

    /**
     * Starts {@code module}'s {@code quarkus-run.jar} as {@code name}, with a fresh database {@code database} and the
     * given environment; answers at once (await its readiness).
     */
    public JavaService start(String module, String name, String database, Map<String, String> environment) {
        Path runner = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing; package " + module + " first: ./mvnw -pl " + module
                    + " package -DskipTests");
        }
        TestDatabase db = TestPostgres.server().createDatabase(database);
        Map<String, String> all = new HashMap<>(environment);
        all.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        all.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        all.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        all.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        JavaService service = JavaService.start(name, runner, Ports.free(), TARGET, TARGET, all);
        started.add(service);
        return service;
    }

    /** The environment of a service that takes tokens from {@code issuer}, logging warnings and worse. */
    public static Map<String, String> securedBy(LocalIssuer issuer) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE);
        environment.put("QUARKUS_LOG_LEVEL", "WARN");
        return environment;
    }

    /** Writes a file the services read (a policy, a credentials file) into the test module's target folder. */
    public static Path write(String name, String content) {
        try {
            return Files.writeString(TARGET.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the services write what they are asked to (a credentials file). */
    public static Path target(String name) {
        return TARGET.resolve(name);
    }

    @Override
    public void close() {
        started.forEach(JavaService::close);
        started.clear();
    }
}
