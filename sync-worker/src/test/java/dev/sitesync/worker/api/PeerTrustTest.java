package dev.sitesync.worker.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.source.SourceStackResource;

/**
 * Central's worker as a consumer, in-process, deciding under the policy real ownership-service serves (north owns
 * Customer; central owns Item; Sales Order is a reference; ledgers are not named): an envelope is taken only from the
 * worker of the site it comes from, for a MASTER that site owns. Each refusal is 403 problem+json, in the sync log
 * with the real sender, and nothing of the request is kept.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PeerTrustTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NOT_TRUSTED = "https://sitesync.dev/problems/envelope-not-trusted";

    @Inject
    Pool pool;

    @Inject
    PolicyCache policies;

    @Test
    void theOwnersWorkerSendsItsMasters() {
        Map<String, Object> customer = envelope("north", "Customer");

        send("worker-north", "/envelopes", customer).statusCode(202).body("duplicate", equalTo(false));

        assertThat(inbox(customer)).isEqualTo(1);
        assertThat(logged(customer, "RECEIVED")).hasSize(1);
    }

    @Test
    void aWorkerClaimingAnotherSitesDocumentIsRefusedLoggedAndNothingIsKept() {
        Map<String, Object> claimed = envelope("south", "Customer");

        send("worker-north", "/envelopes", claimed).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(NOT_TRUSTED))
                .body("detail", allOf(containsString("'worker-north'"), containsString("'worker-south'")))
                .body("violations[0].field", equalTo("sourceSite"));

        assertThat(inbox(claimed)).isZero();
        List<String> refused = logged(claimed, "ENVELOPE_REFUSED");
        assertThat(refused).singleElement().asString()
                .startsWith("NOT_THE_SOURCE_WORKER").contains("sent by client worker-north");
    }

    @Test
    void aDoctypeThatNeverTravelsOrThatTheSenderDoesNotOwnIsRefused() {
        Map<String, Object> ledger = envelope("north", "GL Entry");
        Map<String, Object> reference = envelope("north", "Sales Order");
        Map<String, Object> notOwned = envelope("north", "Item");

        send("worker-north", "/envelopes", ledger).statusCode(403).body("type", equalTo(NOT_TRUSTED))
                .body("detail", containsString("only MASTER doctypes are synchronised"));
        send("worker-north", "/envelopes", reference).statusCode(403).body("type", equalTo(NOT_TRUSTED))
                .body("detail", containsString("Sales Order is REFERENCE_ONLY"));
        send("worker-north", "/envelopes", notOwned).statusCode(403).body("type", equalTo(NOT_TRUSTED))
                .body("detail", containsString("is owned by 'central', not by 'north'"));

        for (Map<String, Object> envelope : List.of(ledger, reference, notOwned)) {
            assertThat(inbox(envelope)).isZero();
        }
        assertThat(logged(ledger, "ENVELOPE_REFUSED")).singleElement().asString().startsWith("NOT_A_MASTER");
        assertThat(logged(reference, "ENVELOPE_REFUSED")).singleElement().asString().startsWith("NOT_A_MASTER");
        assertThat(logged(notOwned, "ENVELOPE_REFUSED")).singleElement().asString().startsWith("NOT_THE_OWNER");
    }

    @Test
    void aBatchWithOneEnvelopeItsSenderMayNotSendIsRefusedWhole() {
        Map<String, Object> good = envelope("north", "Customer");
        Map<String, Object> bad = envelope("north", "GL Entry");

        send("worker-north", "/envelope-batches", List.of(good, bad)).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(NOT_TRUSTED))
                .body("detail", containsString("1 of 2 envelopes")).body("violations[0].field", equalTo("[1]"));

        assertThat(inbox(good)).as("nothing of a refused batch is kept").isZero();
        assertThat(inbox(bad)).isZero();
        assertThat(logged(good, "RECEIVED")).isEmpty();
    }

    /**
     * North's worker decided under a revision this consumer has not read yet (one that gives north Brand): the
     * consumer reads the policy before deciding, instead of refusing under the revision it holds. Once it holds the
     * newer revision, an envelope naming an older one is decided under the newer.
     */
    @Test
    void anEnvelopeDecidedUnderANewerRevisionMakesTheConsumerReadThePolicyFirst() {
        policies.current().await().atMost(WAIT);
        String ownership = ConfigProvider.getConfig().getValue("sitesync.worker.services.ownership-url", String.class);
        io.restassured.response.Response current = given().auth().oauth2(LocalIssuer.shared().token("ops", "sync-admin"))
                .when().get(ownership + "/api/v1/policy");
        int held = current.path("version");
        String document = current.path("document");
        String withBrand = document.stripTrailing() + """

                  - doctype: Brand
                    class: MASTER
                    businessOwner: Marketing
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: north
                    consumers: [{site: central}]
                """;
        int newer = given().auth().oauth2(LocalIssuer.shared().token("ops", "sync-admin")).contentType(ContentType.JSON)
                .header("If-Match", "\"" + held + "\"")
                .body(Map.of("reason", "north owns its brands", "document", withBrand))
                .when().put(ownership + "/api/v1/policy").then().statusCode(200).extract().path("version");

        Map<String, Object> brand = withVersion(envelope("north", "Brand"), newer);
        send("worker-north", "/envelopes", brand).statusCode(202);
        Map<String, Object> older = withVersion(envelope("north", "Brand"), held);
        send("worker-north", "/envelopes", older).statusCode(202);

        assertThat(policies.current().await().atMost(WAIT).version()).isEqualTo(newer);
        assertThat(inbox(brand)).isEqualTo(1);
        assertThat(inbox(older)).isEqualTo(1);
    }

    @Test
    void anotherServicesTokenWithTheWorkerRoleIsNotAWorker() {
        Map<String, Object> customer = envelope("north", "Customer");

        send("commerce-guard", "/envelopes", customer).statusCode(403).body("type", equalTo(NOT_TRUSTED));

        assertThat(inbox(customer)).isZero();
    }

    /** As Keycloak issues a client-credentials token: the client in azp, its service account as the subject. */
    private static ValidatableResponse send(String client, String path, Object body) {
        String token = LocalIssuer.shared().tokens().subject("service-account-" + client).claim("azp", client)
                .roles("sync-worker").sign();
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/internal/v1" + path).then();
    }

    private static Map<String, Object> envelope(String source, String doctype) {
        String name = doctype.replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> payload = Map.of("name", name, "customer_name", name, "customer_group", "All Customer Groups",
                "territory", "All Territories");
        return Map.of("externalId", UUID.randomUUID().toString(), "doctype", doctype, "sourceSite", source,
                "sourceName", name, "targetSite", "central", "version", "2026-12-01 10:00:00.000000",
                "contentHash", "b".repeat(64), "operation", "UPSERT", "payload", payload, "policyVersion", 1);
    }

    private static Map<String, Object> withVersion(Map<String, Object> envelope, int policyVersion) {
        Map<String, Object> changed = new java.util.HashMap<>(envelope);
        changed.put("policyVersion", policyVersion);
        return changed;
    }

    private long inbox(Map<String, Object> envelope) {
        return rows("select count(*) from inbox where external_id = $1", idOf(envelope)).get(0).getLong(0);
    }

    /** The details of the envelope's sync log entries with this status. */
    private List<String> logged(Map<String, Object> envelope, String status) {
        return rows("select detail from sync_log where external_id = $1 and status = $2 order by id",
                idOf(envelope), status).stream().map(row -> String.valueOf(row.getString("detail")))
                .toList();
    }

    private static UUID idOf(Map<String, Object> envelope) {
        return UUID.fromString((String) envelope.get("externalId"));
    }

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }
}
