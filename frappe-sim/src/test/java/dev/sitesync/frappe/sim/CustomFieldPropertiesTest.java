package dev.sitesync.frappe.sim;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Custom Field properties as Frappe applies them: unique (an index), read_only and no_copy, changed over REST. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class CustomFieldPropertiesTest extends SimTestSupport {

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeTheFields() {
        created.forEach(field -> asAdministrator(CENTRAL).delete("/api/resource/Custom Field/Item-" + field).then()
                .statusCode(202));
    }

    /** A new field each time, so values left on Items by other tests never clash with it. */
    private String createField(int unique) {
        String field = "custom_ref_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        asAdministrator(CENTRAL).contentType(ContentType.JSON)
                .body(Map.of("dt", "Item", "fieldname", field, "label", "External Ref", "fieldtype", "Data",
                        "insert_after", "item_name", "unique", unique, "read_only", 1, "no_copy", 1))
                .post("/api/resource/Custom Field").then().statusCode(200);
        created.add(field);
        return field;
    }

    private ValidatableResponse insertItem(String field, String value) {
        Map<String, Object> body = new HashMap<>(item(unique("REF")));
        body.put(field, value);
        return asAdministrator(CENTRAL).contentType(ContentType.JSON).body(body).post("/api/resource/Item").then();
    }

    private ValidatableResponse setUnique(String field, int unique) {
        return asAdministrator(CENTRAL).contentType(ContentType.JSON).body(Map.of("unique", unique))
                .put("/api/resource/Custom Field/Item-" + field).then();
    }

    @Test
    void aUniqueCustomFieldRefusesASecondDocumentWithTheSameValueWhateverItsCase() {
        String field = createField(1);
        String value = unique("ext");
        insertItem(field, value).statusCode(200);

        insertItem(field, value.toUpperCase(Locale.ROOT)).statusCode(417)
                .body("exc_type", equalTo("UniqueValidationError"))
                .body("_server_messages", containsString("External Ref must be unique"));
        insertItem(field, unique("ext")).statusCode(200);
    }

    @Test
    void readOnlyAndNoCopyAreServedInTheMetaAndAReadOnlyFieldIsStillWrittenOverRest() {
        String field = createField(0);
        String inMeta = "data.fields.find { it.fieldname == '" + field + "' }.";

        asAdministrator(CENTRAL).get("/api/v2/doctype/Item/meta").then().statusCode(200)
                .body(inMeta + "read_only", equalTo(1)).body(inMeta + "no_copy", equalTo(1))
                .body(inMeta + "is_custom_field", equalTo(1));
        // Frappe enforces read_only in the desk form only: a REST save keeps the value (api/v1.py, document.py)
        insertItem(field, "written-anyway").statusCode(200).body("data." + field, equalTo("written-anyway"));
    }

    @Test
    void makingAnExistingFieldUniqueOverRestTakesEffectAndUnmakingItLiftsIt() {
        String field = createField(0);
        String value = unique("once");
        insertItem(field, value).statusCode(200);

        setUnique(field, 1).statusCode(200).body("data.unique", equalTo(1));
        insertItem(field, value).statusCode(417).body("exc_type", equalTo("UniqueValidationError"));
        setUnique(field, 0).statusCode(200);
        insertItem(field, value).statusCode(200);
    }

    @Test
    void aFieldWhoseValuesAlreadyRepeatCannotBeMadeUnique() {
        String field = createField(0);
        String shared = unique("dup");
        insertItem(field, shared).statusCode(200);
        insertItem(field, shared).statusCode(200);

        setUnique(field, 1).statusCode(417).body("exc_type", equalTo("ValidationError"))
                .body("_server_messages", containsString(field + " field cannot be set as unique in tabItem"));
        insertItem(field, shared).statusCode(200);
    }
}
