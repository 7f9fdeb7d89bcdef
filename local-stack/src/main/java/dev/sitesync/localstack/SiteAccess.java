package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;

/**
 * The simulated sites as their people reach them: frappe-sim's credentials file (per site its URL, site name, the
 * Administrator's and the sync user's API keys) and a Frappe client per site as Administrator.
 */
public final class SiteAccess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> sites = new LinkedHashMap<>();
    private final Map<String, FrappeClient> admins = new LinkedHashMap<>();
    private final Vertx vertx = Vertx.vertx();

    SiteAccess(Path credentialsFile) {
        try {
            JsonNode all = JSON.readTree(credentialsFile.toFile()).path("sites");
            for (String site : StackSites.CODES) {
                if (all.path(site).isMissingNode()) {
                    throw new StackFailure("frappe-sim wrote no credentials for site " + site + " in " + credentialsFile);
                }
                sites.put(site, all.path(site));
            }
        } catch (IOException e) {
            throw new StackFailure("Cannot read frappe-sim's credentials " + credentialsFile + ": " + e.getMessage());
        }
    }

    public String baseUrl(String site) {
        return sites.get(site).path("baseUrl").asText();
    }

    public String siteName(String site) {
        return sites.get(site).path("siteName").asText();
    }

    /** The API key and secret of the site's user {@code admin} or {@code sync}. */
    public ApiCredentials credentials(String site, String user) {
        return new ApiCredentials(apiKey(site, user), apiSecret(site, user));
    }

    public String apiKey(String site, String user) {
        return sites.get(site).path(user).path("apiKey").asText();
    }

    public String apiSecret(String site, String user) {
        return sites.get(site).path(user).path("apiSecret").asText();
    }

    /** The site as its Administrator: the people working on that site. */
    public synchronized FrappeClient admin(String site) {
        return admins.computeIfAbsent(site, s -> FrappeClient.create(vertx,
                FrappeSite.of(baseUrl(s), credentials(s, "admin")).withSiteName(siteName(s))));
    }

    @Override
    public void close() {
        admins.values().forEach(FrappeClient::close);
        vertx.closeAndAwait();
    }
}
