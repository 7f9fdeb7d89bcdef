package dev.sitesync.identity;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReferenceTest extends IdentityApiTest {

    @Test
    void registersAReferenceWithAnExternalIdAndReadsItBack() {
        String name = unique("SAL-ORD-2024");

        String id = put(name, state("Draft", 0, "2024-01-05 10:11:12.123456"))
                .then().statusCode(201).body("externalId", notNullValue()).body("grandTotal", equalTo(1180.0f))
                .extract().path("externalId");

        as("auditor").when().get("/api/v1/references/" + id)
                .then().statusCode(200).body("site", equalTo("central")).body("doctype", equalTo("Sales Order"))
                .body("name", equalTo(name)).body("status", equalTo("Draft")).body("currency", equalTo("EUR"))
                .body("modified", equalTo("2024-01-05 10:11:12.123456"));
    }

    @Test
    void aNewerStateUpdatesTheReferenceUnderTheSameId() {
        String name = unique("SAL-ORD-2024");
        String id = put(name, state("Draft", 0, "2024-01-05 10:11:12")).then().statusCode(201).extract().path("externalId");

        put(name, state("To Deliver and Bill", 1, "2024-01-05 11:00:00"))
                .then().statusCode(200).body("externalId", equalTo(id)).body("status", equalTo("To Deliver and Bill"))
                .body("docstatus", equalTo(1));
    }

    @Test
    void anOlderStateNeverRollsTheReferenceBack() {
        String name = unique("SAL-ORD-2024");
        put(name, state("To Deliver and Bill", 1, "2024-01-05 11:00:00")).then().statusCode(201);

        put(name, state("Draft", 0, "2024-01-05 10:00:00"))
                .then().statusCode(200).body("status", equalTo("To Deliver and Bill"))
                .body("modified", equalTo("2024-01-05 11:00:00"));
    }

    @Test
    void anUnknownReferenceIsNotFound() {
        as("sre").when().get("/api/v1/references/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"));
    }

    private static io.restassured.response.Response put(String name, Map<String, Object> state) {
        return asWorker().body(state).when().put("/api/v1/references/central/Sales Order/" + name);
    }

    private static Map<String, Object> state(String status, int docstatus, String modified) {
        return Map.of("status", status, "docstatus", docstatus, "grandTotal", 1180.0, "currency", "EUR", "modified", modified);
    }
}
