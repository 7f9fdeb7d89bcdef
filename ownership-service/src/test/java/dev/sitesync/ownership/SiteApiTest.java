package dev.sitesync.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SiteApiTest extends OwnershipApiTest {

    @Test
    void theGatewayReadsEverySitesStatusAndWebhookRanges() {
        as("gateway-1", "gateway").when().get("/api/v1/sites").then().statusCode(200)
                .body("find { it.code == 'central' }.status", equalTo("active"))
                .body("find { it.code == 'central' }.webhookCidrs", contains("10.0.0.0/24"))
                .body("find { it.code == 'central' }.credentialsSecret", equalTo("sitesync-site-central"))
                .body("find { it.code == 'east' }.status", equalTo("paused"));
    }

    @Test
    void theSiteListIsTaggedAndAnswersNotModifiedWhileNothingChanged() {
        String etag = asWorker().when().get("/api/v1/sites").then().statusCode(200).extract().header("ETag");

        assertThat(etag).matches("\"\\d+\\.\\d+\"");
        asWorker().header("If-None-Match", etag).when().get("/api/v1/sites").then().statusCode(304);
    }

    @Test
    void anUndeclaredSiteIsNotFound() {
        asWorker().when().get("/api/v1/sites/atlantis").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found"));
        asWorker().body(onboarding("15.1.0", true)).when().put("/api/v1/sites/atlantis/onboarding").then().statusCode(404)
                .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void onboardingRecordsVersionsAndMetaAndSaysWhatTheSiteCannotExchange() {
        String site = newSiteConsumingItsOwnDoctype();

        asWorker().body(onboarding("15.1.0", false)).when().put("/api/v1/sites/" + site + "/onboarding").then()
                .statusCode(200)
                .body("site.onboarding.versions.erpnext", equalTo("15.1.0"))
                .body("site.onboarding.doctypes.Item.metaHash", equalTo("sha256:abc"))
                .body("site.onboarding.recordedBy", equalTo("worker-central"))
                .body("schemaProblems", hasKey("Item"))
                .body("schemaProblems.Item", containsString("no sitesync_external_id custom field"));
    }

    @Test
    void reOnboardingChangesDecisionsAndTheSitesVersion() {
        String site = newSiteConsumingItsOwnDoctype();
        String doctype = "Item";
        long before = sitesVersion();
        asWorker().body(onboarding("14.0.0", true)).when().put("/api/v1/sites/" + site + "/onboarding").then()
                .statusCode(200).body("schemaProblems.Item", containsString("outside"));
        decideItem().then().body("decisions[0].targets.site", not(hasItem(site)));

        asWorker().body(onboarding("15.3.0", true)).when().put("/api/v1/sites/" + site + "/onboarding").then()
                .statusCode(200).body("schemaProblems", not(hasKey(doctype)));

        decideItem().then().statusCode(200).body("decisions[0].targets.site", hasItem(site));
        assertThat(sitesVersion()).isGreaterThan(before);
    }

    @Test
    void anOnboardingReportWithAnInvalidVersionIsRefused() {
        asWorker().body(Map.of("versions", Map.of("erpnext", "latest"), "doctypes", Map.of()))
                .when().put("/api/v1/sites/north/onboarding").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request"));
    }

    @Test
    void aSiteNeverOnboardedHasNoReport() {
        asWorker().when().get("/api/v1/sites/west").then().statusCode(200).body("status", equalTo("onboarding"))
                .body("onboarding", nullValue());
    }

    /** An active site that consumes Item, added to the policy for this test alone. */
    private static String newSiteConsumingItsOwnDoctype() {
        String site = unique("site").toLowerCase();
        applyChange(policy -> {
            add(policy, "sites", "{code: " + site + ", name: Test site, baseUrl: 'http://" + site + ".test', status: active}");
            for (var domain : policy.get("domains")) {
                if (domain.get("doctype").asText().equals("Item")) {
                    ((ArrayNode) domain.get("consumers")).addObject().put("site", site);
                }
            }
        }, "site " + site + " consumes Item");
        return site;
    }

    private static io.restassured.response.Response decideItem() {
        return asWorker().body(Map.of("items", List.of(Map.of("sourceSite", "central", "doctype", "Item", "operation",
                "upsert")))).when().post("/api/v1/decisions");
    }

    private static long sitesVersion() {
        return decideItem().then().extract().<Number>path("sitesVersion").longValue();
    }

    private static Map<String, Object> onboarding(String erpnext, boolean externalIdField) {
        return Map.of("versions", Map.of("frappe", erpnext, "erpnext", erpnext),
                "doctypes", Map.of("Item", Map.of("metaHash", "sha256:abc", "externalIdField", externalIdField)));
    }
}
