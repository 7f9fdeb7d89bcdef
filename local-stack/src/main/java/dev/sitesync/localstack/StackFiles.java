package dev.sitesync.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.stack.sim.SimSites;

/** Files the stack writes into its state directory: the policy, commerce-guard's settings, and what runs where. */
final class StackFiles {

    /** What the stack's policy makes every worker poll: 7 masters, 1 reference-only doctype, Deleted Document. */
    static final int POLLED_DOCTYPES = 9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() {
    }

    static Path writePolicy(Path stateDir, String frappeUrl) {
        try (InputStream template = StackFiles.class.getResourceAsStream("/stack-policy.yaml")) {
            String policy = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("{{FRAPPE_URL}}", frappeUrl);
            return write(stateDir.resolve("stack-policy.yaml"), policy);
        } catch (IOException e) {
            throw new StackFailure("Cannot write the policy: " + e.getMessage());
        }
    }

    /** Per site the guard's own API user, and the storefront client allowed to order for the seeded company. */
    static Path writeGuardConfig(Path stateDir, SimSites sites, Map<String, SiteSetup.GuardUser> users) {
        StringBuilder text = new StringBuilder("# commerce-guard in the local stack, written at every start\n");
        users.forEach((site, user) -> text
                .append("guard.sites.%s.url=%s%n".formatted(site, sites.baseUrl(site)))
                .append("guard.sites.%s.site-name=%s%n".formatted(site, sites.siteName(site)))
                .append("guard.sites.%s.api-key=%s%n".formatted(site, user.apiKey()))
                .append("guard.sites.%s.api-secret=%s%n".formatted(site, user.apiSecret()))
                // Keycloak names a client's token by its service account: service-account-<client>
                .append("guard.sites.%s.callers.\"service-account-storefront\"=%s%n".formatted(site, StackSites.COMPANY)));
        return write(stateDir.resolve("commerce-guard.properties"), text.toString());
    }

    /** {@code stack.json}: URLs, databases and clients of the running stack, for the consistency checker's CLI. */
    static void writeDescription(Stack stack) {
        ObjectNode description = JSON.createObjectNode();
        description.put("issuer", stack.issuer().url());
        description.put("tokenEndpoint", stack.issuer().tokenEndpoint());
        ObjectNode clients = description.putObject("clientSecrets");
        Issuer.CLIENTS.forEach(client -> clients.put(client, stack.issuer().secret(client)));
        description.put("identityUrl", stack.service(Stack.IDENTITY).url());
        description.put("ownershipUrl", stack.service(Stack.OWNERSHIP).url());
        description.put("gatewayUrl", stack.gatewayUrl());
        description.put("sitesFile", stack.options().stateDir().resolve("sites.json").toString());
        ObjectNode workers = description.putObject("workers");
        for (String site : StackSites.CODES) {
            workers.putObject(site).put("url", stack.worker(site).url())
                    .put("jdbcUrl", stack.jdbcUrl(Stack.workerDatabase(site)));
        }
        description.put("databaseUser", dev.sitesync.stack.postgres.LocalPostgres.USER);
        description.put("databasePassword", dev.sitesync.stack.postgres.LocalPostgres.PASSWORD);
        try {
            write(stack.options().stateDir().resolve("stack.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(description));
        } catch (IOException e) {
            throw new StackFailure("Cannot describe the stack: " + e.getMessage());
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new StackFailure("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
