package dev.sitesync.frappe.sim.contract;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.frappe.sim.SimTestSupport;
import dev.sitesync.frappe.sim.site.SiteBootstrap;
import dev.sitesync.frappe.sim.site.SiteCredentials;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** The contract suite against frappe-sim's {@code central} site, seeded with the ERPNext fixtures. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class SimContractTest extends FrappeContract {

    @Inject
    SiteBootstrap bootstrap;

    @Inject
    Vertx vertxBean;

    @TestHTTPResource("/")
    URL baseUrl;

    private FrappeClient admin;
    private FrappeClient scoped;

    @BeforeEach
    void connect() {
        admin = FrappeClient.create(vertxBean, site());
        scoped = FrappeClient.create(vertxBean, siteFor(credentials().sync()));
    }

    @AfterEach
    void disconnect() {
        admin.close();
        scoped.close();
    }

    private SiteCredentials credentials() {
        return bootstrap.credentials(base()).get(SimTestSupport.CENTRAL);
    }

    private String base() {
        String url = baseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private FrappeSite siteFor(SiteCredentials.Key key) {
        return FrappeSite.of(base(), new ApiCredentials(key.apiKey(), key.apiSecret()))
                .withSiteName(SimTestSupport.CENTRAL);
    }

    @Override
    protected FrappeClient admin() {
        return admin;
    }

    @Override
    protected FrappeClient scoped() {
        return scoped;
    }

    @Override
    protected SiteMasters masters() {
        return new SiteMasters("Products", "Nos", "Box", "_Test Company", "Stores - _TC", "_Test Customer",
                "VAT - _TC");
    }

    @Override
    protected FrappeSite site() {
        return siteFor(credentials().admin());
    }

    @Override
    protected boolean siteReachesLoopback() {
        return true;
    }

    @Override
    protected Vertx vertx() {
        return vertxBean;
    }
}
