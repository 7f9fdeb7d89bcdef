package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;
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

    /** Sets the site's fault plan through the admin API. */
    protected static void injectFaults(String site, java.util.Map<String, Object> plan) {
        given().contentType(io.restassured.http.ContentType.JSON).body(plan).put("/admin/faults/" + site).then()
                .statusCode(200);
    }

    protected static void clearFaults(String site) {
        given().delete("/admin/faults/" + site).then().statusCode(204);
    }

    /** A client of the site as its Administrator, giving up on a request after {@code requestTimeout}. */
    protected FrappeClient administratorOf(String site, java.time.Duration requestTimeout) {
        return client(siteAs(site, credentials(site).admin()).withTimeouts(java.time.Duration.ofSeconds(2),
                requestTimeout));
    }

    /** A REST-assured request to a site's API as the given user, asking for JSON as Frappe clients should. */
    protected RequestSpecification as(String site, SiteCredentials.Key key) {
        return given().header("X-Frappe-Site-Name", site).header("Accept", "application/json")
                .header("Authorization", "token " + key.apiKey() + ":" + key.apiSecret());
    }

    protected RequestSpecification asAdministrator(String site) {
        return as(site, credentials(site).admin());
    }

    /** A new Item's body, linked to masters every seeded site has. */
    protected static java.util.Map<String, Object> item(String code) {
        return java.util.Map.of("item_code", code, "item_group", "Products", "stock_uom", "Nos");
    }

    /** The same Item as a document for frappe-client. */
    protected static com.fasterxml.jackson.databind.node.ObjectNode itemDocument(String code) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("item_code", code)
                .put("item_group", "Products").put("stock_uom", "Nos");
    }

    /** A name no other test run uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
