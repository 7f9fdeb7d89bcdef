package dev.sitesync.ownership;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Decisions through the API, on the rules of test-policy.yaml (each rule in depth: DecisionEngineTest). */
@QuarkusTest
class DecisionApiTest extends OwnershipApiTest {

    @Test
    void everyRefusalReasonIsAnsweredInRequestOrder() {
        decide(false, item("central", "Item"), item("central", "GL Entry"), item("north", "Sales Order"),
                item("central", "Warranty Claim"), item("north", "Item"), item("east", "Item"),
                item("central", "Price List"))
                .then().statusCode(200)
                .body("policyVersion", greaterThan(0))
                .body("decisions.outcome", contains("ALLOW", "REFUSE", "REFUSE", "REFUSE", "REFUSE", "REFUSE", "REFUSE"))
                .body("decisions.reason", contains(nullValue(), equalTo("NEVER_SYNC"), equalTo("REFERENCE_ONLY"),
                        equalTo("UNKNOWN_DOCTYPE"), equalTo("OWNERSHIP_VIOLATION"), equalTo("SITE_NOT_ACTIVE"),
                        equalTo("SCHEMA_BLOCKED")));
    }

    @Test
    void anAllowNamesTheTargetsTheirFieldPolicyAndTheWithheldConsumers() {
        decide(false, item("central", "Item")).then().statusCode(200)
                .body("decisions[0].owner", equalTo("central"))
                .body("decisions[0].dataClass", equalTo("MASTER"))
                .body("decisions[0].targets.site", contains("north", "south"))
                .body("decisions[0].targets[0].excludeFields", contains("valuation_rate"))
                .body("decisions[0].targets[0].localFields", contains("item_defaults"))
                .body("decisions[0].withheld.reason", contains("SITE_NOT_ACTIVE", "SCHEMA_BLOCKED"))
                .body("decisions[0].explain", nullValue());
    }

    @Test
    void explainReturnsTheRulePathThatDecided() {
        decide(true, item("central", "Item")).then().statusCode(200)
                .body("decisions[0].explain.rule", contains("class", "source", "owner", "source schema", "consumer north",
                        "consumer south", "consumer east", "consumer legacy", "decision"))
                .body("decisions[0].explain.find { it.rule == 'consumer east' }.finding", containsString("paused"));
    }

    @Test
    void federatedOwnershipFollowsTheScopeValue() {
        decide(false, scoped("north", "North"), scoped("south", "North"), scoped("south", "South"))
                .then().statusCode(200)
                .body("decisions.outcome", contains("ALLOW", "REFUSE", "ALLOW"))
                .body("decisions.owner", contains("north", "north", "south"))
                .body("decisions[1].reason", equalTo("OWNERSHIP_VIOLATION"))
                .body("decisions[0].targets.site", contains("central", "south"));
    }

    @Test
    void aBatchOfMoreThanAThousandIsInvalid() {
        asWorker().body(Map.of("items", Collections.nCopies(1001, item("central", "Item"))))
                .when().post("/api/v1/decisions").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request")).body("violations.field", hasItem("items"));
    }

    @Test
    void aBatchOfAThousandIsDecided() {
        decide(false, Collections.nCopies(1000, item("central", "Item")).toArray(Map[]::new)).then().statusCode(200)
                .body("decisions.size()", equalTo(1000)).body("decisions.outcome", everyItem(equalTo("ALLOW")));
    }

    @Test
    void anInvalidItemIsNamedByItsPosition() {
        Map<String, Object> badDoctype = new HashMap<>(item("central", "Item"));
        badDoctype.put("doctype", "1tem");
        decide(false, item("central", "Item"), badDoctype).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request")).body("violations.field", hasItem("items[1].doctype"));
    }

    @Test
    void anUnknownOperationIsMalformed() {
        Map<String, Object> purge = new HashMap<>(item("central", "Item"));
        purge.put("operation", "purge");
        decide(false, purge).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @SafeVarargs
    private static io.restassured.response.Response decide(boolean explain, Map<String, Object>... items) {
        return asWorker().queryParam("explain", explain).body(Map.of("items", List.of(items)))
                .when().post("/api/v1/decisions");
    }

    private static Map<String, Object> item(String source, String doctype) {
        return Map.of("sourceSite", source, "doctype", doctype, "operation", "upsert");
    }

    private static Map<String, Object> scoped(String source, String territory) {
        return Map.of("sourceSite", source, "doctype", "Customer", "operation", "upsert", "scope",
                Map.of("territory", territory));
    }
}
