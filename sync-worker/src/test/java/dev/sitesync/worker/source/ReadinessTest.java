package dev.sitesync.worker.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.frappe.client.WebhookSpec;
import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.domain.ReadinessReport;
import dev.sitesync.worker.domain.ReadinessReport.Check;
import dev.sitesync.worker.readiness.SiteReadiness;

/**
 * The go-live check of central, in-process, against real frappe-sim, identity-service and ownership-service processes:
 * once onboarded (webhooks to a gateway, the external-ID field protected, a sync user with the selling roles it needs
 * and no accounting role), every item of the checklist is ok; an external-ID field made editable on the site turns
 * the check red, naming the doctype and what to do.
 */
@QuarkusTest
@TestProfile(ReadinessTest.WithGateway.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "syncUserRoles", value = "Item Manager,Sales Master Manager,Sales User,SiteSync Sync,System Manager"))
class ReadinessTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> CHECKLIST = List.of("external-id-field", "webhooks", "sync-user",
            "site-time-zone-and-versions", "schema", "clock-skew", "retries", "audit");

    /** Onboarding creates webhooks to a gateway (one nobody listens on: no document changes in this test). */
    public static class WithGateway implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sitesync.worker.gateway-url", "http://127.0.0.1:9",
                    "sitesync.worker.frappe.webhook-secret", "readiness-test-secret");
        }
    }

    @Inject
    Onboarding onboarding;

    @Inject
    SiteReadiness readiness;

    private final FrappeClient site = SourceStackResource.sites().admin(SourceStackResource.SITE);

    @Test
    void aFreshlyOnboardedSiteIsReadyAndAnEditableExternalIdFieldMakesItNotReadyWithWhatToDo() {
        ReadinessReport onboarded = onboarding.run().await().atMost(WAIT).readiness();

        assertThat(onboarded.checks()).extracting(Check::name).containsExactlyElementsOf(CHECKLIST);
        assertThat(onboarded.checks()).allSatisfy(check -> assertThat(check.ok())
                .as(check.name() + ": " + check.detail() + " -> " + check.action()).isTrue());
        assertThat(onboarded.ready()).isTrue();
        as("sre").when().get("/ops/v1/readiness").then().statusCode(200)
                .body("site", equalTo("central")).body("ready", equalTo(true)).body("checks", hasSize(8));

        try {
            editable("Item");

            ReadinessReport edited = readiness.check().await().atMost(WAIT);

            assertThat(edited.ready()).isFalse();
            Check field = check(edited, "external-id-field");
            assertThat(field.ok()).isFalse();
            assertThat(field.detail()).contains("Item's " + CarriedExternalIds.FIELD + " is not read-only");
            assertThat(field.action()).contains("POST /ops/v1/onboard");
            assertThat(edited.checks()).filteredOn(check -> !check.name().equals("external-id-field"))
                    .allSatisfy(check -> assertThat(check.ok()).as(check.name() + ": " + check.detail()).isTrue());
            as("sre").when().get("/ops/v1/readiness").then().statusCode(200).body("ready", equalTo(false))
                    .body("checks.find { it.name == 'external-id-field' }.ok", equalTo(false));
        } finally {
            onboarding.run().await().atMost(WAIT);
        }
        assertThat(readiness.check().await().atMost(WAIT).ready()).as("onboarding restored the protection").isTrue();
    }

    @Test
    void theSiteSendsNoWebhookForTheSyncUsersOwnWritesAndOnboardingSetsThatOnWebhooksMadeBefore() {
        String user = onboarding.run().await().atMost(WAIT).user();
        ObjectNode update = webhook("Item", "on_update");
        site.update("Webhook", update.path("name").asText(), JsonNodeFactory.instance.objectNode().put("condition", ""))
                .await().atMost(WAIT);
        // what an earlier onboarding made: Frappe runs on_update after every insert too, so each insert went twice
        site.createWebhook(
                new WebhookSpec("Item", "after_insert", update.path("request_url").asText(), List.of("doctype", "name",
                        "modified"), "secret", Map.of()))
                .await().atMost(WAIT);

        Onboarding.Report again = onboarding.run().await().atMost(WAIT);

        String ownWrites = "doc.modified_by != \"" + user + "\"";
        assertThat(webhook("Item", "on_update").path("condition").asText()).isEqualTo(ownWrites);
        assertThat(webhook("Item", "on_trash").path("condition").asText("")).as("a delete is sent whoever saved last")
                .isEmpty();
        assertThat(webhooks("Item", "after_insert")).isEmpty();
        assertThat(again.webhooksCreated()).containsExactly("Item on_update (condition set)",
                "Item after_insert (removed: on_update sends inserts)");
    }

    @Test
    void onlyOperatorsAndAuditorsSeeTheChecklist() {
        as("auditor").when().get("/ops/v1/readiness").then().statusCode(200);
        as("storefront").when().get("/ops/v1/readiness").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sitesync.dev/problems/forbidden"));
    }

    private static Check check(ReadinessReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
    }

    private ObjectNode webhook(String doctype, String event) {
        return webhooks(doctype, event).get(0);
    }

    private List<ObjectNode> webhooks(String doctype, String event) {
        return site.list(ListQuery.of("Webhook").fields("name", "condition", "request_url")
                .where(Filter.eq("webhook_doctype", doctype), Filter.eq("webhook_docevent", event)))
                .await().atMost(WAIT);
    }

    /** As a site's System Manager would: the field stays, people may now type in it. */
    private void editable(String doctype) {
        ObjectNode field = site.list(ListQuery.of("Custom Field").fields("name")
                .where(Filter.eq("dt", doctype), Filter.eq("fieldname", CarriedExternalIds.FIELD))).await()
                .atMost(WAIT).get(0);
        site.update("Custom Field", field.path("name").asText(), JsonNodeFactory.instance.objectNode()
                .put("read_only", 0)).await().atMost(WAIT);
    }

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().oauth2(LocalIssuer.shared().token("someone-" + role, role));
    }
}
