package dev.sitesync.ownership;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;

@QuarkusTest
class AuditAnchorApiTest extends OwnershipApiTest {

    @Test
    void aSitesWorkerAnchorsItsHeadsWhichOnlyMoveForward() {
        String site = newSite();

        anchor(site, 10, hash('a'), null).then().statusCode(201).body("lastId", equalTo(10))
                .body("anchoredBy", equalTo("worker-" + site)).body("partition", nullValue());
        anchor(site, 25, hash('b'), "sync_log_y2026m11").then().statusCode(201).body("partition",
                equalTo("sync_log_y2026m11"));

        as("auditor-1", "auditor").when().get(anchors(site)).then().statusCode(200)
                .body("items.lastId", contains(10, 25)).body("items.lastHash", contains(hash('a'), hash('b')))
                .body("next", nullValue());
        as("auditor-1", "auditor").when().get(anchors(site) + "/latest").then().statusCode(200)
                .body("lastId", equalTo(25));
    }

    @Test
    void theSameHeadAnchoredAgainIsAnsweredAsItWas() {
        String site = newSite();
        String first = anchor(site, 7, hash('c'), null).then().statusCode(201).extract().path("anchoredAt");

        anchor(site, 7, hash('c'), null).then().statusCode(200).body("anchoredAt", equalTo(first));
    }

    @Test
    void anEntryAnchoredWithAnotherHashIsAConflictAndNothingIsRecorded() {
        String site = newSite();
        anchor(site, 7, hash('c'), null).then().statusCode(201);

        anchor(site, 7, hash('d'), null).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "audit-chain-conflict"))
                .body("detail", containsString("Entry 7 of " + site + "'s sync log was anchored at"))
                .body("detail", containsString("rewritten"));
        as("auditor-1", "auditor").when().get(anchors(site)).then().body("items.lastHash", contains(hash('c')));
    }

    @Test
    void aHeadBehindTheNewestAnchorIsAConflict() {
        String site = newSite();
        anchor(site, 40, hash('e'), null).then().statusCode(201);

        anchor(site, 30, hash('f'), null).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "audit-chain-conflict"))
                .body("detail", containsString("Entry 30 is behind"))
                .body("detail", containsString("restored from a backup"));
    }

    @Test
    void aRestoredLogsLostEntriesAreAcknowledgedOnceAndItsWorkerAnchorsBeyondThem() {
        String site = newSite();
        for (long id : new long[]{10, 20, 30}) {
            anchor(site, id, hash('a'), null).then().statusCode(201);
        }

        as("alice", "sync-admin").body(Map.of("afterId", 15, "reason", "database restored from the 02:00 backup"))
                .when().post(anchors(site) + "/losses").then().statusCode(201).body("afterId", equalTo(15))
                .body("throughId", equalTo(30)).body("acknowledgedBy", equalTo("alice"));

        as("auditor-1", "auditor").when().get(anchors(site)).then().body("items.lastId", contains(10, 20, 30))
                .body("items.lost", contains(false, true, true));
        as("auditor-1", "auditor").when().get(anchors(site) + "/latest").then().body("lastId", equalTo(10));
        as("auditor-1", "auditor").when().get(anchors(site) + "/losses").then().statusCode(200)
                .body("reason", contains("database restored from the 02:00 backup"));
        as("alice", "sync-admin").body(Map.of("afterId", 15, "reason", "again")).when().post(anchors(site) + "/losses")
                .then().statusCode(409).body("detail", containsString("acknowledged lost already"));
        anchor(site, 25, hash('b'), null).then().statusCode(409).body("detail", containsString("behind"));
        anchor(site, 31, hash('b'), null).then().statusCode(201);
        as("auditor-1", "auditor").when().get(anchors(site) + "/latest").then().body("lastId", equalTo(31));
    }

    @Test
    void aLossIsAcknowledgedOnlyByASyncAdminWithAReasonForEntriesThatWereAnchored() {
        String site = newSite();
        anchor(site, 10, hash('a'), null).then().statusCode(201);

        as("worker-" + site, "sync-worker").body(Map.of("afterId", 5, "reason", "restored")).when()
                .post(anchors(site) + "/losses").then().statusCode(403);
        as("alice", "sync-admin").body(Map.of("afterId", 5, "reason", " ")).when().post(anchors(site) + "/losses")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-request"));
        as("alice", "sync-admin").body(Map.of("afterId", 10, "reason", "restored")).when().post(anchors(site) + "/losses")
                .then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("nothing is lost"));
    }

    @Test
    void onlyTheSitesOwnWorkerAnchorsOrReadsItsAnchors() {
        String site = newSite();

        as("worker-north", "sync-worker").body(request(5, hash('a'), null)).when().post(anchors(site)).then()
                .statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "forbidden"))
                .body("detail", containsString("worker-" + site));
        as("worker-north", "sync-worker").when().get(anchors(site)).then().statusCode(403);
        as("alice", "sync-admin").body(request(5, hash('a'), null)).when().post(anchors(site)).then().statusCode(403);
        as("gateway-1", "gateway").when().get(anchors(site)).then().statusCode(403);
        as("auditor-1", "auditor").body(request(5, hash('a'), null)).when().post(anchors(site)).then().statusCode(403);
    }

    @Test
    void aKeycloakServiceAccountIsKnownByItsAuthorizedParty() {
        String site = newSite();
        String token = LocalIssuer.shared().tokens().subject("4f1c-service-account-id")
                .roles("sync-worker").claim("azp", "worker-" + site).sign();

        given().auth().oauth2(token).contentType("application/json")
                .body(request(3, hash('a'), null)).when().post(anchors(site)).then().statusCode(201)
                .body("anchoredBy", equalTo("worker-" + site));
    }

    @Test
    void anUndeclaredSiteCannotBeAnchored() {
        as("worker-atlantis", "sync-worker").body(request(5, hash('a'), null)).when().post(anchors("atlantis")).then()
                .statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void aSiteWithNoAnchorYetAnswersNotFoundForItsLatest() {
        String site = newSite();

        as("auditor-1", "auditor").when().get(anchors(site) + "/latest").then().statusCode(404)
                .contentType(PROBLEM_JSON).body("detail", containsString("has anchored no sync log head yet"));
    }

    @Test
    void malformedAnchorsAreRefusedNamingTheField() {
        String site = newSite();

        anchor(site, 0, hash('a'), null).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request")).body("violations[0].field", containsString("lastId"));
        anchor(site, 4, "ABC", null).then().statusCode(400).body("violations[0].field", containsString("lastHash"));
        anchor(site, 4, hash('a'), "../etc").then().statusCode(400).body("violations[0].field", containsString("partition"));
    }

    @Test
    void anchorsArePagedInEntryOrder() {
        String site = newSite();
        for (int id = 1; id <= 5; id++) {
            anchor(site, id * 10, hash((char) ('a' + id)), null).then().statusCode(201);
        }

        as("sre-1", "sre").queryParam("limit", 2).when().get(anchors(site)).then().statusCode(200)
                .body("items.lastId", contains(10, 20)).body("next", equalTo(20));
        as("sre-1", "sre").queryParam("after", 20).queryParam("limit", 2).when().get(anchors(site)).then()
                .body("items.lastId", contains(30, 40)).body("next", equalTo(40));
        as("sre-1", "sre").queryParam("after", 40).queryParam("limit", 2).when().get(anchors(site)).then()
                .body("items.lastId", contains(50)).body("next", nullValue());
        as("sre-1", "sre").queryParam("limit", 5000).when().get(anchors(site)).then().statusCode(400);
    }

    @Test
    void anchorsCannotBeChangedOrRemovedInTheDatabase() throws SQLException {
        String site = newSite();
        anchor(site, 9, hash('a'), null).then().statusCode(201);

        try (Connection connection = sql(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("update audit_anchor set last_hash = '" + hash('b')
                    + "' where site = '" + site + "'")).hasMessageContaining("refused");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_anchor where site = '" + site + "'"))
                    .hasMessageContaining("refused");
            assertThatThrownBy(() -> statement.execute("truncate audit_anchor")).hasMessageContaining("refused");
        }
        as("auditor-1", "auditor").when().get(anchors(site)).then().body("items.lastHash", contains(hash('a')));
    }

    private static String newSite() {
        String site = unique("anchor").toLowerCase();
        applyChange(policy -> add(policy, "sites", "{code: " + site + ", name: Anchored site, baseUrl: 'http://" + site
                + ".test', status: active}"), "site " + site + " for audit anchors");
        return site;
    }

    private static Response anchor(String site, long lastId, String hash, String partition) {
        return asWorkerOf(site).body(request(lastId, hash, partition)).when().post(anchors(site));
    }

    private static RequestSpecification asWorkerOf(String site) {
        return as("worker-" + site, "sync-worker");
    }

    private static Map<String, Object> request(long lastId, String hash, String partition) {
        Map<String, Object> body = new HashMap<>();
        body.put("lastId", lastId);
        body.put("lastHash", hash);
        body.put("partition", partition);
        return body;
    }

    private static String anchors(String site) {
        return "/api/v1/sites/" + site + "/audit-anchors";
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }
}
