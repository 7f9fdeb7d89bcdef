package dev.sitesync.frappe.sim.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;

/**
 * The contract suite against a real ERPNext site, when {@code FRAPPE_URL}, {@code FRAPPE_API_KEY} and
 * {@code FRAPPE_API_SECRET} name one (System Manager credentials; optional {@code FRAPPE_SCOPED_API_KEY} and
 * {@code _SECRET} for a user without Webhook access, and {@code FRAPPE_COMPANY}, {@code FRAPPE_WAREHOUSE},
 * {@code FRAPPE_CUSTOMER}, {@code FRAPPE_TAX_ACCOUNT} for the Sales Order tests). Skipped otherwise, saying so.
 */
class ErpnextContractTest extends FrappeContract {

    private static Vertx vertx;
    private static FrappeClient admin;
    private static FrappeClient scoped;
    private static FrappeSite site;

    @BeforeAll
    static void connect() {
        String url = System.getenv("FRAPPE_URL");
        boolean configured = url != null && !url.isBlank() && env("FRAPPE_API_KEY").isPresent()
                && env("FRAPPE_API_SECRET").isPresent();
        if (!configured) {
            System.out.println("ErpnextContractTest skipped: FRAPPE_URL, FRAPPE_API_KEY and FRAPPE_API_SECRET are not"
                    + " all set, so the Frappe contract suite runs against frappe-sim only");
        }
        assumeTrue(configured, "FRAPPE_URL, FRAPPE_API_KEY and FRAPPE_API_SECRET are not set: no real ERPNext site");
        vertx = Vertx.vertx();
        site = FrappeSite.of(url, new ApiCredentials(System.getenv("FRAPPE_API_KEY"),
                System.getenv("FRAPPE_API_SECRET"))).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
        admin = FrappeClient.create(vertx, site);
        scoped = env("FRAPPE_SCOPED_API_KEY").flatMap(key -> env("FRAPPE_SCOPED_API_SECRET")
                .map(secret -> FrappeClient.create(vertx, FrappeSite.of(url, new ApiCredentials(key, secret)))))
                .orElse(null);
    }

    @AfterAll
    static void disconnect() {
        if (vertx != null) {
            admin.close();
            if (scoped != null) {
                scoped.close();
            }
            vertx.closeAndAwait();
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
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
        return new SiteMasters(env("FRAPPE_ITEM_GROUP").orElse("Products"), env("FRAPPE_UOM").orElse("Nos"),
                env("FRAPPE_OTHER_UOM").orElse("Box"), env("FRAPPE_COMPANY").orElse(""),
                env("FRAPPE_WAREHOUSE").orElse(""), env("FRAPPE_CUSTOMER").orElse(""),
                env("FRAPPE_TAX_ACCOUNT").orElse(""));
    }

    @Override
    protected FrappeSite site() {
        return site;
    }

    @Override
    protected boolean siteReachesLoopback() {
        return env("FRAPPE_SITE_REACHES_LOOPBACK").isPresent();
    }

    @Override
    protected Vertx vertx() {
        return vertx;
    }
}
