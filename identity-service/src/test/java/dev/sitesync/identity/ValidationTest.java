package dev.sitesync.identity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every class of bad input is a 400 problem naming the offending field (and index, in a batch). */
@QuarkusTest
class ValidationTest extends IdentityApiTest {

    @Test
    void aSiteCodeOutsideItsAlphabetIsNamedByIndexAndField() {
        resolve(List.of(item("central", "Item", "ok"), item("North_Site", "Item", "x")))
                .body("violations.field", hasItem("items[1].site"));
    }

    @Test
    void aSiteCodeLongerThan32IsRefused() {
        resolve(List.of(item("a".repeat(33), "Item", "x"))).body("violations.field", hasItem("items[0].site"));
    }

    @Test
    void aDoctypeWithCharactersFrappeRefusesIsNamed() {
        resolve(List.of(item("central", "Item; drop table", "x"))).body("violations.field", hasItem("items[0].doctype"));
        resolve(List.of(item("central", "1Item", "x"))).body("violations.field", hasItem("items[0].doctype"));
        resolve(List.of(item("central", "I".repeat(141), "x"))).body("violations.field", hasItem("items[0].doctype"));
    }

    @Test
    void localNamesAreOneTo140CharactersOfAnyUnicode() {
        resolve(List.of(item("central", "Item", ""))).body("violations.field", hasItem("items[0].localName"));
        resolve(List.of(item("central", "Item", "x".repeat(141)))).body("violations.field", hasItem("items[0].localName"));

        String unicode140 = "é😀".repeat(70);
        asWorker().body(Map.of("items", List.of(item("central", "Item", unicode140)), "assign", true))
                .when().post("/api/v1/identities/resolve").then().statusCode(200).body("results[0].externalId", notNullValue());
    }

    @Test
    void aMissingFieldIsNamed() {
        Map<String, Object> noName = new HashMap<>(item("central", "Item", "x"));
        noName.remove("localName");
        resolve(List.of(noName)).body("violations.field", hasItem("items[0].localName"));
    }

    @Test
    void aNullItemIsNamedByIndex() {
        List<Object> items = new ArrayList<>();
        items.add(item("central", "Item", "x"));
        items.add(null);
        resolve(items).body("violations.field", hasItem("items[1]"));
    }

    @Test
    void batchesHoldOneTo1000Items() {
        resolve(Collections.emptyList()).body("violations.field", hasItem("items"));
        List<Object> tooMany = new ArrayList<>();
        IntStream.range(0, 1001).forEach(i -> tooMany.add(item("central", "Item", "n" + i)));
        resolve(tooMany).body("violations.field", hasItem("items")).body("detail", containsString("items"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        asWorker().body("{\"items\": [").when().post("/api/v1/identities/resolve")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @Test
    void aFieldOfTheWrongTypeOrAnUnknownFieldIsNamed() {
        asWorker().body("{\"items\":[{\"site\":\"central\",\"doctype\":\"Item\",\"localName\":\"x\"}],\"assign\":\"perhaps\"}")
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "malformed-json"))
                .body("violations[0].field", equalTo("assign"));
        asWorker().body("{\"items\":[{\"site\":\"central\",\"doctype\":\"Item\",\"localName\":\"x\",\"nmae\":1}]}")
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("items[0].nmae"));
    }

    @Test
    void anExternalIdThatIsNotAUuidIsRefused() {
        as("sre").when().get("/api/v1/identities/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("externalId"));
    }

    @Test
    void queryParametersAreValidatedToo() {
        as("sre").queryParam("site", "NORTH").queryParam("doctype", "Item").queryParam("name", "x")
                .when().get("/api/v1/identities")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("site"));
    }

    @Test
    void aReferenceWithABadCurrencyOrTimestampIsRefused() {
        asWorker().body(Map.of("status", "Draft", "currency", "euro", "modified", "yesterday"))
                .when().put("/api/v1/references/central/Sales Order/SAL-ORD-2024-00001")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("currency")).body("violations.field", hasItem("modified"));
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        asWorker().contentType("text/plain").body("hello").when().post("/api/v1/identities/resolve")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    }

    private static ValidatableResponse resolve(List<?> items) {
        return asWorker().body(Map.of("items", items)).when().post("/api/v1/identities/resolve")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("status", equalTo(400))
                .body("requestId", notNullValue());
    }
}
