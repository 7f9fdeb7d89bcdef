package dev.sitesync.localstack;

import java.util.List;
import java.util.Map;

import dev.sitesync.stack.sim.WorkerEnvironment;

/** The three simulated sites and who owns what (the stack's policy, {@code stack-policy.yaml}). */
public final class StackSites {

    public static final String CENTRAL = "central";
    public static final String NORTH = "north";
    public static final String SOUTH = "south";
    public static final List<String> CODES = List.of(CENTRAL, NORTH, SOUTH);

    /** Customers are owned by territory: the federated scope of the policy. */
    public static final Map<String, String> TERRITORY_OWNERS = Map.of("North", NORTH, "South", SOUTH);

    /** The frappe-sim company every site is seeded with. */
    public static final String COMPANY = "_Test Company";
    public static final String WAREHOUSE = "Stores - _TC";

    private StackSites() {
    }

    /** {@code north} → {@code NORTH}, as environment variable names carry a site code. */
    static String envName(String site) {
        return WorkerEnvironment.envName(site);
    }

    /** The webhook secret a site signs with and the gateway checks; local only, never a real site's. */
    public static String webhookSecret(String site) {
        return "local-webhook-" + site;
    }
}
