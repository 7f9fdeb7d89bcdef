package dev.sitesync.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PolicyApiTest extends OwnershipApiTest {

    @Test
    void thePolicyFileReadAtStartIsTheFirstRevision() {
        asAdmin().when().get("/api/v1/policy/revisions/1").then().statusCode(200)
                .body("author", equalTo("policy-file"))
                .body("reason", containsString("initial policy from src/test/resources/policy/test-policy.yaml"))
                .body("document", containsString("code: legacy"))
                .body("diff[0].kind", equalTo("ADDED"));
    }

    @Test
    void thePolicyIsServedWithItsVersionAsETagAndAsJson() {
        var response = currentPolicy().then().statusCode(200).extract();

        assertThat(response.header("ETag")).isEqualTo("\"" + response.<Integer>path("version") + "\"");
        assertThat(response.<List<String>>path("policy.sites.code")).contains("central", "north", "south");
        assertThat(response.<String>path("document")).contains("sites:");
    }

    @Test
    void aMatchingIfNoneMatchAnswersNotModified() {
        String etag = currentETag();

        asAdmin().header("If-None-Match", etag).when().get("/api/v1/policy").then().statusCode(304)
                .header("ETag", etag);
    }

    @Test
    void anUpdateBecomesARevisionWithItsAuthorReasonAndDiff() {
        String doctype = unique("Gadget");
        String before = currentETag();

        String after = putPolicy(changedPolicy(policy -> add(policy, "domains",
                "{doctype: " + doctype
                        + ", class: MASTER, owner: central, consumers: [{site: north}], businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}")),
                "north sells gadgets", before).then().statusCode(200)
                .body("author", equalTo("alice")).body("reason", equalTo("north sells gadgets"))
                .extract().header("ETag");

        assertThat(version(after)).isEqualTo(version(before) + 1);
        as("auditor-1", "auditor").when().get("/api/v1/policy/revisions").then().statusCode(200)
                .body("find { it.version == " + version(after) + " }.author", equalTo("alice"))
                .body("find { it.version == " + version(after) + " }.diff.path", hasItem("domains[" + doctype + "]"))
                .body("find { it.version == " + version(after) + " }.createdAt", notNullValue());
    }

    @Test
    void anUpdateWithoutIfMatchIsRefusedAsPreconditionRequired() {
        putPolicy(changedPolicy(policy -> {
        }), "no precondition", null).then().statusCode(428).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "precondition-required")).body("detail", containsString("If-Match"));
    }

    @Test
    void anUpdateBasedOnAnOlderVersionIsRefusedAsPreconditionFailed() {
        String stale = currentETag();
        applyChange(policy -> add(policy, "domains", "{doctype: " + unique("Widget")
                + ", class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}"),
                "a newer version");

        putPolicy(changedPolicy(policy -> {
        }), "based on a stale version", stale).then().statusCode(412).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "precondition-failed"));
    }

    @Test
    void anUpdateWithoutAReasonIsInvalid() {
        asAdmin().header("If-Match", currentETag()).body(Map.of("document", "sites: []"))
                .when().put("/api/v1/policy").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request")).body("violations.field", hasItem("reason"));
    }

    @Test
    void aPolicyWithAnUnknownSiteIsRefusedWithItsLineAndNothingIsApplied() {
        assertRefusedAtLine("""
                sites:
                  - {code: central, name: Central, baseUrl: "http://central.test", status: active}
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: atlantis
                """, 9, "unknown site 'atlantis'");
    }

    @Test
    void aPolicyWithADomainNobodyAnswersForIsRefusedWithWhatToAdd() {
        assertRefusedAtLine("""
                sites:
                  - {code: central, name: Central, baseUrl: "http://central.test", status: active}
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                """, 4, "Item names no businessOwner, technicalOwner, escalation");
    }

    @Test
    void aPolicyGivingADoctypeTwoOwnersIsRefusedWithItsLineAndNothingIsApplied() {
        assertRefusedAtLine(
                """
                        sites:
                          - {code: central, name: Central, baseUrl: "http://central.test", status: active}
                          - {code: north, name: North, baseUrl: "http://north.test", status: active}
                        domains:
                          - {doctype: Item, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                          - {doctype: Item, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                        """,
                6, "exactly one owner");
    }

    @Test
    void aPolicyWithAClassTypoIsRefusedWithItsLineAndNothingIsApplied() {
        assertRefusedAtLine("""
                sites:
                  - {code: central, name: Central, baseUrl: "http://central.test", status: active}
                domains:
                  - doctype: Item
                    class: MASTR
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                """, 5, "'MASTR' is not one of");
    }

    @Test
    void movingADoctypeToAnotherOwnerNeedsATransferBlock() {
        String doctype = unique("Tool");
        applyChange(policy -> add(policy, "domains", "{doctype: " + doctype
                + ", class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}"),
                "central owns tools");
        String etag = currentETag();

        String flipped = changedPolicy(policy -> moveOwner(policy, doctype, "north"));
        putPolicy(flipped, "silent flip", etag).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "ownership-transfer-required"))
                .body("violations[0].message", containsString("from central to north without a transfer"))
                .body("violations[0].message", containsString("line "));
        assertThat(currentETag()).isEqualTo(etag);

        String transferred = changedPolicy(policy -> {
            moveOwner(policy, doctype, "north");
            add(policy, "transfers", "{doctype: " + doctype + ", from: central, to: north, reason: north buys tools}");
        });
        putPolicy(transferred, "tools move to north", etag).then().statusCode(200);
        asWorker().body(Map.of("items", List.of(Map.of("sourceSite", "north", "doctype", doctype, "operation", "upsert"))))
                .when().post("/api/v1/decisions").then().statusCode(200).body("decisions[0].outcome", equalTo("ALLOW"));
    }

    private static void moveOwner(ObjectNode policy, String doctype, String owner) {
        for (var domain : policy.get("domains")) {
            if (domain.get("doctype").asText().equals(doctype)) {
                ((ObjectNode) domain).put("owner", owner);
            }
        }
    }

    private static void assertRefusedAtLine(String document, int line, String message) {
        String etag = currentETag();

        putPolicy(document, "should be refused", etag).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "policy-invalid"))
                .body("detail", containsString("line " + line))
                .body("detail", containsString("Nothing was applied"))
                .body("violations.message", hasItem(containsString("line " + line + ": ")))
                .body("violations.message", hasItem(containsString(message)));
        assertThat(currentETag()).isEqualTo(etag);
    }
}
