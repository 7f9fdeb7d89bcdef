package dev.sitesync.stack.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;

/**
 * frappe-sim's sites as their people and workers reach them: the credentials file it writes at start (per site its
 * URL, site name, and the API keys of its users {@code admin} and {@code sync}), and a Frappe client per site as
 * Administrator.
 */
public final class SimSites implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> sites = new LinkedHashMap<>();
    private final Map<String, FrappeClient> admins = new LinkedHashMap<>();
    private final Vertx vertx = Vertx.vertx();

    private SimSites() {
    }

    /**
     * Reads the credentials file for the given sites.
     *
     * @throws IllegalStateException when the file names no credentials for one of them
     */
    public static SimSites read(Path credentialsFile, Collection<String> codes) {
        JsonNode all;
        try {
            all = JSON.readTree(credentialsFile.toFile()).path("sites");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read frappe-sim's credentials " + credentialsFile, e);
        }
        SimSites sites = new SimSites();
        for (String code : codes) {
            if (all.path(code).isMissingNode()) {
                sites.close();
                throw new IllegalStateException("frappe-sim wrote no credentials for site " + code + " in "
                        + credentialsFile);
            }
            sites.sites.put(code, all.path(code));
        }
        return sites;
    }

    public String baseUrl(String site) {
        return entry(site).path("baseUrl").asText();
    }

    public String siteName(String site) {
        return entry(site).path("siteName").asText();
    }

    /** The API key and secret of the site's user {@code admin} or {@code sync}. */
    public ApiCredentials credentials(String site, String user) {
        return new ApiCredentials(apiKey(site, user), apiSecret(site, user));
    }

    public String apiKey(String site, String user) {
        return entry(site).path(user).path("apiKey").asText();
    }

    public String apiSecret(String site, String user) {
        return entry(site).path(user).path("apiSecret").asText();
    }

    /** The site as its Administrator: the people working on that site. */
    public FrappeClient admin(String site) {
        return admin(site, FrappeSite.DEFAULT_MAX_POOL_SIZE);
    }

    /** The site as its Administrator, with up to {@code connections} requests in flight. */
    public synchronized FrappeClient admin(String site, int connections) {
        return admins.computeIfAbsent(site + "/" + connections, key -> FrappeClient.create(vertx,
                FrappeSite.of(baseUrl(site), credentials(site, "admin")).withSiteName(siteName(site))
                        .withMaxPoolSize(connections)));
    }

    private JsonNode entry(String site) {
        JsonNode entry = sites.get(site);
        if (entry == null) {
            throw new IllegalArgumentException("No frappe-sim site " + site + "; known: " + sites.keySet());
        }
        return entry;
    }

    @Override
    public synchronized void close() {
        admins.values().forEach(FrappeClient::close);
        vertx.closeAndAwait();
    }
}
