package dev.sitesync.frappe.sim.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.Filter;
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

    /** The suite's verdicts mean something only if the masters it is bound to are really on the site. */
    @Test
    void theSeededMastersTheSuiteReliesOnAreOnTheSite() {
        SiteMasters masters = masters();
        assertThat(count("Item Group", masters.itemGroup())).isEqualTo(1);
        assertThat(count("Company", masters.company())).isEqualTo(1);
        assertThat(count("Warehouse", masters.warehouse())).isEqualTo(1);
        assertThat(count("Customer", masters.customer())).isEqualTo(1);
    }

    private long count(String doctype, String name) {
        return admin.count(doctype, List.of(Filter.eq("name", name))).await().atMost(Duration.ofSeconds(10));
    }

    private SiteCredentials credentials() {
        return bootstrap.credentials(SimTestSupport.base()).get(SimTestSupport.CENTRAL);
    }

    private FrappeSite siteFor(SiteCredentials.Key key) {
        return SimTestSupport.siteAs(SimTestSupport.CENTRAL, key);
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
