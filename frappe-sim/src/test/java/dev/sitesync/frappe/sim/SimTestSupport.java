package dev.sitesync.frappe.sim;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.frappe.sim.site.SiteBootstrap;
import dev.sitesync.frappe.sim.site.SiteCredentials;

/** What frappe-sim's Quarkus tests share: the sites of the test profile and clients for them. */
public abstract class SimTestSupport {

    public static final String CENTRAL = "central";
    public static final String NORTH = "north";

    @Inject
    protected SiteBootstrap bootstrap;

    @Inject
    protected Vertx vertx;

    protected SiteCredentials credentials(String site) {
        return bootstrap.credentials(base()).get(site);
    }

    /** Where the test application listens, as the sites' base URL. */
    public static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    public static FrappeSite siteAs(String site, SiteCredentials.Key key) {
        return FrappeSite.of(base(), new ApiCredentials(key.apiKey(), key.apiSecret())).withSiteName(site);
    }

    protected FrappeClient client(FrappeSite site) {
        return FrappeClient.create(vertx, site);
    }
}
