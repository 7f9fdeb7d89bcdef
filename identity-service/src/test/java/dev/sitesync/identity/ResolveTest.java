package dev.sitesync.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ResolveTest extends IdentityApiTest {

    @Test
    void assignsAnExternalIdOnceAndReturnsItAfterwards() {
        String name = unique("SKU");

        JsonPath first = resolve(true, item("central", "Item", name));
        JsonPath second = resolve(true, item("central", "Item", name));

        assertThat(first.getBoolean("results[0].created")).isTrue();
        assertThat(second.getBoolean("results[0].created")).isFalse();
        assertThat(second.getString("results[0].externalId")).isEqualTo(first.getString("results[0].externalId"));
    }

    @Test
    void lookupWithoutAssignLeavesUnknownDocumentsWithoutId() {
        String known = unique("SKU");
        resolve(true, item("central", "Item", known));

        asWorker().body(Map.of("items", List.of(item("central", "Item", known), item("central", "Item", unique("NEW")))))
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(200)
                .body("results[0].created", equalTo(false))
                .body("results[1].externalId", nullValue())
                .body("results[1].created", equalTo(false));
    }

    @Test
    void answersInRequestOrderAndTheSameDocumentTwiceGetsOneId() {
        String a = unique("A");
        String b = unique("B");

        JsonPath results = resolve(true, item("north", "Customer", b), item("north", "Customer", a),
                item("north", "Customer", b));

        assertThat(results.getString("results[0].localName")).isEqualTo(b);
        assertThat(results.getString("results[1].localName")).isEqualTo(a);
        assertThat(results.getString("results[2].externalId")).isEqualTo(results.getString("results[0].externalId"));
        assertThat(results.getString("results[1].externalId")).isNotEqualTo(results.getString("results[0].externalId"));
    }

    @Test
    void theSameNameOnTwoSitesOrDoctypesIsTwoDocuments() {
        String name = unique("Shared");

        JsonPath results = resolve(true, item("north", "Customer", name), item("south", "Customer", name),
                item("north", "Supplier", name));

        assertThat(List.of(results.getString("results[0].externalId"), results.getString("results[1].externalId"),
                results.getString("results[2].externalId"))).doesNotHaveDuplicates();
    }

    @Test
    void fiftyConcurrentCallersForOneDocumentGetOneId() throws Exception {
        String name = unique("Race");
        Callable<JsonPath> call = () -> resolve(true, item("central", "Item", name), item("central", "Item", name + "-2"));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<JsonPath>> calls = new ArrayList<>();
        try {
            IntStream.range(0, 50).forEach(i -> calls.add(pool.submit(call)));
            List<JsonPath> answers = new ArrayList<>();
            for (Future<JsonPath> answer : calls) {
                answers.add(answer.get());
            }

            assertThat(answers).extracting(a -> a.getString("results[0].externalId")).containsOnly(
                    answers.get(0).getString("results[0].externalId"));
            assertThat(answers).filteredOn(a -> a.getBoolean("results[0].created")).hasSize(1);
            assertThat(answers).filteredOn(a -> a.getBoolean("results[1].created")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(identityRows(name)).isEqualTo(1);
    }

    @Test
    void recordsTheOriginOfANewIdentity() {
        String name = unique("Origin");
        String id = resolve(true, item("south", "Customer", name)).getString("results[0].externalId");

        as("auditor").when().get("/api/v1/identities/" + id)
                .then().statusCode(200)
                .body("doctype", equalTo("Customer"))
                .body("originSite", equalTo("south"))
                .body("originName", equalTo(name))
                .body("links[0].site", equalTo("south"))
                .body("links[0].localName", equalTo(name));
    }

    @Test
    void findsTheIdentityBySiteDoctypeAndName() {
        String name = unique("Find me/with slash");
        String id = resolve(true, item("central", "Item Group", name)).getString("results[0].externalId");

        as("sre").queryParam("site", "central").queryParam("doctype", "Item Group").queryParam("name", name)
                .when().get("/api/v1/identities")
                .then().statusCode(200).body("externalId", equalTo(id));
        as("sre").queryParam("site", "central").queryParam("doctype", "Item Group").queryParam("name", unique("none"))
                .when().get("/api/v1/identities")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"));
    }

    private static JsonPath resolve(boolean assign, Map<?, ?>... items) {
        return asWorker().body(Map.of("items", List.of(items), "assign", assign))
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(200).extract().jsonPath();
    }

    private long identityRows(String originName) throws Exception {
        try (Connection connection = sql();
                PreparedStatement count = connection.prepareStatement("select count(*) from identity where origin_name = ?")) {
            count.setString(1, originName);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
