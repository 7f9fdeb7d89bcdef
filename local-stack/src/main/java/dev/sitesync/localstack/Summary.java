package dev.sitesync.localstack;

/** What the launcher prints once the stack is ready: where everything listens and how to try it. */
final class Summary {

    private Summary() {
    }

    /** Who signs in to the console, with which password and roles; an external issuer has its own people. */
    static String people(Stack stack) {
        if (!(stack.issuer() instanceof KeycloakServer)) {
            return "%nConsole people: those of your issuer %s with SiteSync's roles.%n".formatted(stack.issuer().url());
        }
        StringBuilder text = new StringBuilder("%nConsole people (user / password: roles):%n".formatted());
        for (StackPeople.Person person : StackPeople.ALL) {
            text.append("  %-8s / %-14s %s%n".formatted(person.username(), person.password(),
                    String.join(", ", person.roles())));
        }
        return text.toString();
    }

    static String of(Stack stack) {
        StackOptions options = stack.options();
        StringBuilder text = new StringBuilder();
        text.append("%nSiteSync is ready (%.1f s; resident memory of the stack %d MB).%n".formatted(
                stack.readyAfter().toMillis() / 1000.0, ResidentMemory.totalMegabytes(options.stateDir())));
        text.append("  %-20s %s   (webhooks /hooks/{site}, APIs /api/v1/...)%n".formatted("Gateway", stack.gatewayUrl()));
        text.append("  %-20s %s/q/health   %s/q/metrics%n".formatted("Gateway health", stack.gatewayManagementUrl(),
                stack.gatewayManagementUrl()));
        text.append("  %-20s %s   (token endpoint %s)%n".formatted("OIDC issuer", stack.issuer().url(),
                stack.issuer().tokenEndpoint()));
        if (stack.issuer() instanceof KeycloakServer keycloak) {
            text.append("  %-20s %s   (admin / admin)%n".formatted("Keycloak console", keycloak.consoleUrl()));
        }
        text.append("  %-20s %s   (sign in as one of the people below)%n".formatted("Console", stack.consoleUrl()));
        for (ManagedService service : stack.services()) {
            if (service.name().equals(Stack.GATEWAY) || service.name().equals(Stack.CONSOLE)) {
                continue;
            }
            String ops = service.name().startsWith("sync-worker") ? "   ops " + service.url() + "/ops/v1/status" : "";
            text.append("  %-20s %s   metrics %s/q/metrics%s%n".formatted(service.name(), service.url(), service.url(),
                    ops));
        }
        text.append("  %-20s 127.0.0.1:%d (user postgres, a database per service)%n".formatted("PostgreSQL",
                options.ports().postgres()));
        text.append("  %-20s %s/   sites' API keys in %s%n".formatted("Logs", options.stateDir().resolve("logs"),
                options.stateDir().resolve("sites.json")));
        text.append(people(stack));
        text.append("""

                Try (an operator's token from the issuer, then a worker's status):
                  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=ops-sre -d client_secret=%s \\
                          %s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" %s/ops/v1/status

                Press Ctrl-C to stop.
                """.formatted(stack.issuer().secret("ops-sre"), stack.issuer().tokenEndpoint(),
                stack.worker(StackSites.NORTH).url()));
        return text.toString();
    }
}
