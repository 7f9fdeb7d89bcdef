package dev.sitesync.localstack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.stack.sim.SimSites;

/**
 * What the sites need before SiteSync runs on them, as a site's own administrators would set it up: the territories
 * that scope customer ownership, and commerce-guard's own API user. Idempotent, so a reused stack runs it again.
 */
final class SiteSetup {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    record GuardUser(String apiKey, String apiSecret) {
    }

    private final SimSites sites;

    SiteSetup(SimSites sites) {
        this.sites = sites;
    }

    Map<String, GuardUser> prepare() {
        Map<String, GuardUser> guardUsers = new LinkedHashMap<>();
        for (String site : StackSites.CODES) {
            FrappeClient admin = sites.admin(site);
            for (String territory : StackSites.TERRITORY_OWNERS.keySet()) {
                insertOnce(admin, "Territory", object().put("territory_name", territory)
                        .put("parent_territory", "All Territories"));
            }
            GuardUser guard = new GuardUser("guard-key-" + site, "guard-secret-" + site);
            ObjectNode user = object().put("email", "guard@sitesync.local").put("first_name", "Commerce Guard")
                    .put("api_key", guard.apiKey()).put("api_secret", guard.apiSecret());
            user.putArray("roles").addObject().put("role", "Sales User");
            insertOnce(admin, "User", user);
            guardUsers.put(site, guard);
        }
        return guardUsers;
    }

    private static void insertOnce(FrappeClient admin, String doctype, ObjectNode document) {
        try {
            admin.insert(doctype, document).await().atMost(PATIENCE);
        } catch (FrappeException e) {
            // a name taken is a 409, a unique field taken (a user's email) a 417 UniqueValidationError
            boolean exists = e.kind() == FrappeErrorKind.DUPLICATE
                    || e.excType().filter(type -> type.contains("UniqueValidationError")).isPresent();
            if (!exists) {
                throw new StackFailure("Cannot create the " + doctype + " on " + admin.site() + ": " + e.getMessage());
            }
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
