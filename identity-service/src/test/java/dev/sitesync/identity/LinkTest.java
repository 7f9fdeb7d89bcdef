package dev.sitesync.identity;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LinkTest extends IdentityApiTest {

    @Test
    void linksAnExternalIdToItsNameOnAnotherSite() {
        String id = assign("central", "Item", unique("SKU"));
        String localName = unique("SKU-north");

        link(id, "north", localName).then().statusCode(201).body("created", equalTo(true)).body("doctype", equalTo("Item"));

        as("sre").when().get("/api/v1/identities/" + id)
                .then().statusCode(200).body("links.site", hasItems("central", "north"))
                .body("links.localName", hasItems(localName));
    }

    @Test
    void theSameLinkAgainIsANoOp() {
        String id = assign("central", "Item", unique("SKU"));
        String localName = unique("SKU-south");
        link(id, "south", localName).then().statusCode(201);

        link(id, "south", localName).then().statusCode(200).body("created", equalTo(false));
    }

    @Test
    void relinkingToAnotherNameIsAConflictNamingBoth() {
        String id = assign("central", "Item", unique("SKU"));
        link(id, "north", "first-" + id).then().statusCode(201);

        link(id, "north", "second-" + id).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "link-conflict"))
                .body("detail", allOf(containsString("first-" + id), containsString("second-" + id)));
    }

    @Test
    void aBatchOfLinksIsAnsweredItemByItemInOrder() {
        String fresh = assign("central", "Item", unique("SKU"));
        String known = assign("central", "Item", unique("SKU"));
        link(known, "north", "known-" + known).then().statusCode(201);
        String clashing = assign("central", "Item", unique("SKU"));
        link(clashing, "north", "first-" + clashing).then().statusCode(201);
        String unknown = UUID.randomUUID().toString();

        asWorkerOf("north").body(Map.of("items", List.of(
                Map.of("externalId", fresh, "site", "north", "localName", "new-" + fresh),
                Map.of("externalId", known, "site", "north", "localName", "known-" + known),
                Map.of("externalId", clashing, "site", "north", "localName", "second-" + clashing),
                Map.of("externalId", unknown, "site", "north", "localName", "nobody"))))
                .when().post("/api/v1/identities/links")
                .then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.contains("LINKED", "UNCHANGED", "CONFLICT", "UNKNOWN_IDENTITY"))
                .body("[2].detail", containsString("first-" + clashing));
        as("sre").when().get("/api/v1/identities/" + fresh).then().statusCode(200)
                .body("links.localName", hasItems("new-" + fresh));
    }

    @Test
    void aNameAlreadyLinkedToAnotherIdIsAConflictNamingThatId() {
        String taken = unique("Acme");
        String holder = assign("north", "Customer", taken);
        String other = assign("central", "Customer", unique("Acme Corp"));

        link(other, "north", taken).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "link-conflict"))
                .body("detail", allOf(containsString(holder), containsString(taken)));
    }

    @Test
    void linkingAnUnknownIdIsNotFound() {
        link(UUID.randomUUID().toString(), "north", "anything").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void aWorkerLinksOnlyOnItsOwnSiteAndAnOperatorOnAny() {
        String id = assign("central", "Item", unique("SKU"));

        asWorkerOf("north").body(Map.of("localName", "south-" + id)).when().put("/api/v1/identities/" + id + "/links/south")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "site-not-callers"))
                .body("detail", allOf(containsString("worker-south"), containsString("worker-north")));
        asWorker().body(Map.of("localName", "south-" + id)).when().put("/api/v1/identities/" + id + "/links/south")
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "site-not-callers"));
        as("sre").when().get("/api/v1/identities/" + id).then().statusCode(200)
                .body("links.site", org.hamcrest.Matchers.not(hasItems("south")));

        as("sync-admin").body(Map.of("localName", "south-" + id)).when().put("/api/v1/identities/" + id + "/links/south")
                .then().statusCode(201);
    }

    @Test
    void aWorkersBatchNamingAnotherSiteIsRefusedWholeAndLinksNothing() {
        String own = assign("central", "Item", unique("SKU"));
        String foreign = assign("central", "Item", unique("SKU"));

        asWorkerOf("north").body(Map.of("items", List.of(
                Map.of("externalId", own, "site", "north", "localName", "own-" + own),
                Map.of("externalId", foreign, "site", "south", "localName", "foreign-" + foreign))))
                .when().post("/api/v1/identities/links")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "site-not-callers"));
        as("sre").when().get("/api/v1/identities/" + own).then().statusCode(200)
                .body("links.site", org.hamcrest.Matchers.not(hasItems("north")));
    }

    @Test
    void aLookupAnswersTheNamesOnOneSiteOfTheIdsLinkedThereAndLeavesTheOthersOut() {
        String linked = assign("central", "Item", unique("SKU"));
        link(linked, "north", "north-" + linked).then().statusCode(201);
        String elsewhere = assign("central", "Item", unique("SKU"));
        link(elsewhere, "south", "south-" + elsewhere).then().statusCode(201);
        String unknown = UUID.randomUUID().toString();

        asWorkerOf("north").body(Map.of("site", "north", "externalIds", List.of(linked, elsewhere, unknown, linked)))
                .when().post("/api/v1/identities/links/lookup")
                .then().statusCode(200)
                .body("externalId", org.hamcrest.Matchers.contains(linked))
                .body("localName", org.hamcrest.Matchers.contains("north-" + linked));
    }

    @Test
    void aLookupWithoutIdsOrWithTooManyOrWithoutASiteIsAnInvalidRequest() {
        List<String> tooMany = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("site", "north", "externalIds", List.of()),
                Map.of("site", "north", "externalIds", tooMany),
                Map.of("externalIds", List.of(UUID.randomUUID().toString())))) {
            asWorkerOf("north").body(body).when().post("/api/v1/identities/links/lookup")
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo(PROBLEMS + "invalid-request"));
        }
        asWorkerOf("north").body(Map.of("site", "north", "externalIds", List.of("not-a-uuid")))
                .when().post("/api/v1/identities/links/lookup")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    private static io.restassured.response.Response link(String id, String site, String localName) {
        return asWorkerOf(site).body(Map.of("localName", localName)).when().put("/api/v1/identities/" + id + "/links/" + site);
    }

    private static String assign(String site, String doctype, String name) {
        return asWorker().body(Map.of("items", List.of(item(site, doctype, name)), "assign", true))
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(200).extract().path("results[0].externalId");
    }
}
