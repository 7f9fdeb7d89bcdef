package dev.sitesync.worker.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.source.SourceStackResource;

/**
 * Central's worker, in-process, under the policy real ownership-service serves (central owns Item; north owns
 * Customer, which central receives): who may ask what of a reconciliation, and what a run that cannot reach the owner
 * says. The comparison itself runs between real workers in e2e's ReconciliationIT.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReconciliationApiTest {

    private static final String PROBLEMS = "https://sitesync.dev/problems/";

    @Test
    void aWorkerReadsAManifestOrAsksForAResendOnlyForItsOwnSite() {
        asWorker("worker-north").body(Map.of("consumer", "south", "doctype", "Item", "limit", 10))
                .when().post("/internal/v1/manifests").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "site-not-callers"))
                .body("detail", containsString("'worker-north'"));
        asWorker("worker-north").body(Map.of("externalId", UUID.randomUUID().toString(), "consumer", "south"))
                .when().post("/internal/v1/resend").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "site-not-callers"));
    }

    @Test
    void onlyAnOwnersWorkerAsksThisSiteToReconcileForItsFullSync() {
        asWorker("worker-south").body(Map.of("doctype", "Customer"))
                .when().post("/internal/v1/reconciliations").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "site-not-callers")).body("detail", containsString("[north]"));
    }

    @Test
    void anOwnersFullSyncStartsAReconciliationWithItHereThatRepairsWhenItEnds() {
        asWorker("worker-north").body(Map.of("doctype", "Customer"))
                .when().post("/internal/v1/reconciliations").then().statusCode(202)
                .body("source", equalTo("north")).body("doctype", equalTo("Customer"))
                .body("cause", equalTo("full-sync")).body("requestedBy", equalTo("full sync of north"));
    }

    @Test
    void aDoctypeThisSiteDoesNotReceiveFromThatOwnerIsNotReconciledHere() {
        asAdmin().body(Map.of("source", "north", "doctype", "Item"))
                .when().post("/ops/v1/reconciliations").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "unprocessable")).body("detail", containsString("[central]"));
    }

    @Test
    void anUnknownReportIsNotFoundAndARepairNeedsAReason() {
        asAdmin().when().get("/ops/v1/reconciliations/999999").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
        asAdmin().body(Map.of("reason", " ")).when().post("/ops/v1/reconciliations/999999/repair").then()
                .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-request"));
    }

    @Test
    void aRunThatCannotReachTheOwnersWorkerEndsFailedSayingWhyAndIsListed() {
        String prefix = "UNREACHABLE-" + UUID.randomUUID().toString().substring(0, 6);
        long id = asAdmin().body(Map.of("source", "north", "doctype", "Customer", "namePrefix", prefix))
                .when().post("/ops/v1/reconciliations").then().statusCode(202)
                .body("cause", equalTo("operator")).extract().jsonPath().getLong("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> asSre().when().get("/ops/v1/reconciliations/" + id).then().extract()
                        .path("reconciliation.status"), status -> !"RUNNING".equals(status));

        asSre().when().get("/ops/v1/reconciliations/" + id).then().statusCode(200)
                .body("reconciliation.status", equalTo("FAILED"))
                .body("reconciliation.error", containsString("north"))
                .body("findings.size()", equalTo(0));
        asSre().when().get("/ops/v1/reconciliations").then().statusCode(200)
                .body("reports.find { it.id == " + id + " }.namePrefix", equalTo(prefix));
        asAdmin().body(Map.of("reason", "try")).when().post("/ops/v1/reconciliations/" + id + "/repair").then()
                .statusCode(409).body("type", equalTo(PROBLEMS + "conflict"));
    }

    private static RequestSpecification asWorker(String client) {
        return given().auth().oauth2(LocalIssuer.shared().tokens().subject("service-account-" + client)
                .claim("azp", client).roles("sync-worker").sign()).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(LocalIssuer.shared().token("ops", "sync-admin")).contentType(ContentType.JSON);
    }

    private static RequestSpecification asSre() {
        return given().auth().oauth2(LocalIssuer.shared().token("sre", "sre")).contentType(ContentType.JSON);
    }
}
