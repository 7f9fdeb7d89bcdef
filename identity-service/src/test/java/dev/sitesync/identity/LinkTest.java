package dev.sitesync.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    void aBatchAnswersEachItemAsIfLinkedOneAfterTheOtherRepeatsAndRivalsIncluded() {
        String fresh = assign("central", "Item", unique("SKU"));
        String known = assign("central", "Item", unique("SKU"));
        link(known, "north", "known-" + known).then().statusCode(201);
        String clashing = assign("central", "Item", unique("SKU"));
        link(clashing, "north", "first-" + clashing).then().statusCode(201);
        String taken = unique("taken");
        String holder = assign("north", "Item", taken);
        String unknown = UUID.randomUUID().toString();
        String twice = assign("central", "Item", unique("SKU"));
        // the first asked wins though its name sorts after the second's
        String twoNames = assign("central", "Item", unique("SKU"));
        String rivalName = unique("rival");
        String rivalFirst = assign("central", "Item", unique("SKU"));
        String rivalSecond = assign("central", "Item", unique("SKU"));
        // refused for a name another ID holds, then linked under a free one: the refusal leaves the site free
        String retried = assign("central", "Item", unique("SKU"));

        asWorkerOf("north").body(Map.of("items", List.of(
                linkItem(fresh, "north", "new-" + fresh),
                linkItem(known, "north", "known-" + known),
                linkItem(clashing, "north", "second-" + clashing),
                linkItem(unknown, "north", "nobody"),
                linkItem(twice, "north", "twice-" + twice),
                linkItem(twice, "north", "twice-" + twice),
                linkItem(twoNames, "north", "z-" + twoNames),
                linkItem(twoNames, "north", "a-" + twoNames),
                linkItem(rivalFirst, "north", rivalName),
                linkItem(rivalSecond, "north", rivalName),
                linkItem(retried, "north", taken),
                linkItem(retried, "north", "free-" + retried),
                linkItem(holder, "north", taken))))
                .when().post("/api/v1/identities/links")
                .then().statusCode(200)
                .body("outcome", contains("LINKED", "UNCHANGED", "CONFLICT", "UNKNOWN_IDENTITY", "LINKED", "UNCHANGED",
                        "LINKED", "CONFLICT", "LINKED", "CONFLICT", "CONFLICT", "LINKED", "UNCHANGED"))
                .body("externalId", contains(fresh, known, clashing, unknown, twice, twice, twoNames, twoNames,
                        rivalFirst, rivalSecond, retried, retried, holder))
                .body("[2].detail", containsString("first-" + clashing))
                .body("[7].detail", allOf(containsString("z-" + twoNames), containsString("a-" + twoNames)))
                .body("[9].detail", containsString(rivalFirst))
                .body("[10].detail", containsString(holder));

        as("sre").when().get("/api/v1/identities/" + twoNames).then().statusCode(200)
                .body("links.localName", hasItems("z-" + twoNames))
                .body("links.localName", not(hasItems("a-" + twoNames)));
        asWorkerOf("north").queryParam("site", "north").queryParam("doctype", "Item").queryParam("name", rivalName)
                .when().get("/api/v1/identities").then().statusCode(200).body("externalId", equalTo(rivalFirst));
        as("sre").when().get("/api/v1/identities/" + retried).then().statusCode(200)
                .body("links.localName", hasItems("free-" + retried));
    }

    @Test
    void aBatchOfNewLinksIsOneTransaction() throws SQLException {
        List<String> ids = assignAll("central", "Item", 60);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            // two sites, names in no particular order
            String site = i % 2 == 0 ? "north" : "south";
            items.add(linkItem(ids.get(i), site, (ids.size() - i) + "-" + ids.get(i)));
        }

        as("sync-admin").body(Map.of("items", items)).when().post("/api/v1/identities/links")
                .then().statusCode(200).body("outcome", everyItem(equalTo("LINKED")));

        // every row a transaction writes carries that transaction's ID in xmin
        try (Connection connection = sql();
                PreparedStatement query = connection.prepareStatement("""
                        select count(*), count(distinct xmin::text) from identity_link
                        where site in ('north', 'south') and external_id = any(?)""")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(60);
                assertThat(rows.getLong(2)).as("transactions that wrote the links").isEqualTo(1);
            }
        }
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

    private static Map<String, Object> linkItem(String id, String site, String localName) {
        return Map.of("externalId", id, "site", site, "localName", localName);
    }

    private static List<String> assignAll(String site, String doctype, int count) {
        List<Map<String, Object>> items = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> item(site, doctype, unique("SKU"))).toList();
        return asWorker().body(Map.of("items", items, "assign", true)).when().post("/api/v1/identities/resolve")
                .then().statusCode(200).extract().path("results.externalId");
    }

    private static String assign(String site, String doctype, String name) {
        return asWorker().body(Map.of("items", List.of(item(site, doctype, name)), "assign", true))
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(200).extract().path("results[0].externalId");
    }
}
