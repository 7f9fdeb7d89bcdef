package dev.sitesync.e2e.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.localstack.ExternalIssuer;
import dev.sitesync.localstack.OpsApi;

/**
 * The checker's command line, against a running {@code ./run-stack} (its {@code .local-stack/stack.json}):
 * {@code java -cp 'e2e/target/e2e.jar:e2e/target/lib/*' dev.sitesync.e2e.check.ConsistencyCheck [--state DIR]
 * [--prefix NAME_PREFIX] [--doctype DOCTYPE]...}. Prints the report; exits 0 when consistent, 1 when not.
 */
public final class ConsistencyCheck {

    private ConsistencyCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path state = Path.of(".local-stack");
        String prefix = "";
        Set<String> doctypes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--prefix" -> prefix = args[++i];
                case "--doctype" -> doctypes.add(args[++i]);
                default -> {
                    System.err.println("Usage: ConsistencyCheck [--state DIR] [--prefix NAME_PREFIX] [--doctype DOCTYPE]...");
                    System.exit(2);
                }
            }
        }
        JsonNode stack = new ObjectMapper().readTree(state.resolve("stack.json").toFile());
        Map<String, String> secrets = new HashMap<>();
        stack.path("clientSecrets").fields().forEachRemaining(e -> secrets.put(e.getKey(), e.getValue().asText()));
        Map<String, String> jdbc = new LinkedHashMap<>();
        stack.path("workers").fields().forEachRemaining(e -> jdbc.put(e.getKey(), e.getValue().path("jdbcUrl").asText()));
        Map<String, String> workers = new LinkedHashMap<>();
        stack.path("workers").fields().forEachRemaining(e -> workers.put(e.getKey(), e.getValue().path("url").asText()));
        ConsistencyChecker checker = new ConsistencyChecker(new ConsistencyChecker.Sources(
                new OpsApi(ExternalIssuer.of(stack.path("issuer").asText(), secrets)),
                stack.path("ownershipUrl").asText(), workers::get, jdbc, stack.path("databaseUser").asText(),
                stack.path("databasePassword").asText()));
        ConsistencyReport report = checker.check(new ConsistencyChecker.Scope(doctypes, prefix));
        System.out.print(report.render());
        System.exit(report.clean() ? 0 : 1);
    }
}
