package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sitesync.guard.site.ShopSite;

/** A rule in shadow mode is recorded on every decision it would change, and never changes one; a rule off never runs. */
@QuarkusTest
@TestProfile(ShadowModeTest.StockInShadow.class)
class ShadowModeTest extends GuardApiTest {

    public static class StockInShadow implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("guard.rules.stock-short.mode", "shadow", "guard.rules.taxes-missing.mode", "off",
                    "guard.rules.version", "2026-11-shadow-stock");
        }
    }

    @Test
    void aShadowFindingIsRecordedButTheOrderPasses() {
        check(order().onlyItem(ShopSite.LAMP, 5, 400)).statusCode(200)
                .body("verdict", equalTo("PASS"))
                .body("shadowVerdict", equalTo("BLOCK"))
                .body("findings.find { it.rule == 'stock-short' }.mode", equalTo("SHADOW"))
                .body("rulesetVersion", equalTo("2026-11-shadow-stock"));
    }

    @Test
    void aShadowedOrderIsCreated() {
        create(order().onlyItem(ShopSite.LAMP, 5, 400)).statusCode(201).body("verdict", equalTo("PASS"))
                .body("salesOrder.name", startsWith("SAL-ORD-"));
    }

    @Test
    void aRuleThatIsOffFindsNothing() {
        check(order().with("taxes", List.of())).statusCode(200).body("verdict", equalTo("PASS"))
                .body("findings.rule", not(hasItem("taxes-missing")));
    }

    @Test
    void theRuleSetsListShowsTheModes() {
        as("sre-1", "sre").when().get("/api/v1/rulesets").then().statusCode(200)
                .body("[0].version", equalTo("2026-11-shadow-stock"))
                .body("[0].rules.'stock-short'.mode", equalTo("SHADOW"))
                .body("[0].rules.'taxes-missing'.mode", equalTo("OFF"));
    }
}
