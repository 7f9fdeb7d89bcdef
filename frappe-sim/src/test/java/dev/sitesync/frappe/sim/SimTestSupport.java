package dev.sitesync.frappe.sim;

import java.net.URL;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
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

    @TestHTTPResource("/")
    protected URL baseUrl;

    @Inject
    protected SiteBootstrap bootstrap;

    @Inject
    protected Vertx vertx;

    protected SiteCredentials credentials(String site) {
        return bootstrap.credentials(base()).get(site);
    }

    protected String base() {
        String url = baseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    protected FrappeSite siteAs(String site, SiteCredentials.Key key) {
        return FrappeSite.of(base(), new ApiCredentials(key.apiKey(), key.apiSecret())).withSiteName(site);
    }

    protected FrappeClient client(FrappeSite site) {
        return FrappeClient.create(vertx, site);
    }
}
