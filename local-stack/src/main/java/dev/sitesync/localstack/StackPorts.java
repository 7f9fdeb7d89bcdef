package dev.sitesync.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sitesync.stack.process.Ports;

/** Where each part of the stack listens on 127.0.0.1: fixed for {@code ./run-stack}, free ports for tests. */
public record StackPorts(int postgres, int keycloak, int keycloakManagement, int frappe, int identity, int ownership,
        int gateway, int gatewayManagement, int guard, int console, Map<String, Integer> workers) {

    /** The ports a newcomer's stack uses (README), PostgreSQL's from SITESYNC_PG_PORT when set. */
    public static StackPorts fixed(int postgres) {
        Map<String, Integer> workers = new LinkedHashMap<>();
        int port = 8091;
        for (String site : StackSites.CODES) {
            workers.put(site, port++);
        }
        return new StackPorts(postgres, 8180, 9180, 8000, 8081, 8082, 8080, 9080, 8085, 8086, workers);
    }

    /** Ports free right now, so a test's stack runs beside anything else on the machine. */
    public static StackPorts free() {
        Map<String, Integer> workers = new LinkedHashMap<>();
        for (String site : StackSites.CODES) {
            workers.put(site, Ports.free());
        }
        return new StackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), workers);
    }

    /** Every port with what uses it, in start order, to check them all before anything starts. */
    Map<Integer, String> byUser() {
        Map<Integer, String> users = new LinkedHashMap<>();
        users.put(postgres, "PostgreSQL (set SITESYNC_PG_PORT to use another)");
        users.put(keycloak, "Keycloak");
        users.put(keycloakManagement, "Keycloak's management interface");
        users.put(frappe, "frappe-sim");
        users.put(identity, "identity-service");
        users.put(ownership, "ownership-service");
        users.put(gateway, "inbound-gateway");
        users.put(gatewayManagement, "inbound-gateway's management interface");
        users.put(guard, "commerce-guard");
        users.put(console, "the console");
        workers.forEach((site, port) -> users.put(port, "the sync-worker of " + site));
        return users;
    }
}
