package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** A doctype's meta changed on one site at runtime: what its meta endpoints answer and how its saves validate. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class SchemaDriftTest extends SimTestSupport {

    private static final String GETDOCTYPE = "/api/method/frappe.desk.form.load.getdoctype";

    @AfterEach
    void restore() {
        given().delete("/admin/meta/" + NORTH + "/Item").then().statusCode(200);
        given().delete("/admin/meta/" + NORTH + "/Customer").then().statusCode(200);
    }

    private void drift(String doctype, String field, Map<String, Object> change) {
        given().contentType(ContentType.JSON).body(change)
                .put("/admin/meta/" + NORTH + "/" + doctype + "/fields/" + field).then().statusCode(200);
    }

    private static Map<String, Object> itemWith(String code, String field, Object value) {
        Map<String, Object> body = new HashMap<>(item(code));
        body.put(field, value);
        return body;
    }

    @Test
    void getdoctypeAnswersTheDoctypeAndItsChildTablesAsTheSiteHasThem() {
        asAdministrator(NORTH).queryParam("doctype", "Item").get(GETDOCTYPE).then().statusCode(200)
                .body("docs[0].name", equalTo("Item")).body("docs[0].doctype", equalTo("DocType"))
                .body("docs[0].fields.fieldname", hasItem("brand")).body("docs.name", hasItem("Item Barcode"))
                .body("user_settings", equalTo("{}")).body("message", nullValue());
    }

    @Test
    void aRemovedFieldLeavesTheMetaAndIsNoLongerStoredOrShown() {
        given().delete("/admin/meta/" + NORTH + "/Item/fields/brand").then().statusCode(200)
                .body("changes.brand.removed", equalTo(true));
        String code = unique("NO-BRAND");

        asAdministrator(NORTH).contentType(ContentType.JSON).body(itemWith(code, "brand", "Anything"))
                .post("/api/resource/Item").then().statusCode(200).body("data.brand", nullValue());

        asAdministrator(NORTH).queryParam("doctype", "Item").get(GETDOCTYPE).then()
                .body("docs[0].fields.fieldname", not(hasItem("brand")));
        asAdministrator(NORTH).get("/api/v2/doctype/Item/meta").then()
                .body("data.fields.fieldname", not(hasItem("brand")));
        asAdministrator(CENTRAL).get("/api/v2/doctype/Item/meta").then()
                .body("data.fields.fieldname", hasItem("brand"));
    }

    @Test
    void aFieldMadeMandatoryRefusesSavesWithoutIt() {
        drift("Item", "serial_no_series", Map.of("reqd", 1));

        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(unique("NO-SHELF-LIFE")))
                .post("/api/resource/Item").then().statusCode(417).body("exc_type", equalTo("MandatoryError"));
        asAdministrator(NORTH).get("/api/v2/doctype/Item/meta").then()
                .body("data.fields.find { it.fieldname == 'serial_no_series' }.reqd", equalTo(1));
    }

    @Test
    void aFieldWithANewTypeStoresValuesOfThatType() {
        drift("Item", "serial_no_series", Map.of("fieldtype", "Int"));
        String code = unique("TYPED");

        asAdministrator(NORTH).contentType(ContentType.JSON).body(itemWith(code, "serial_no_series", "42"))
                .post("/api/resource/Item").then().statusCode(200).body("data.serial_no_series", equalTo(42));
        asAdministrator(NORTH).contentType(ContentType.JSON)
                .body(itemWith(unique("TYPED"), "serial_no_series", "forty-two")).post("/api/resource/Item").then()
                .statusCode(417).body("exc_type", equalTo("ValidationError"));
    }

    @Test
    void aLinkWithANewTargetValidatesAgainstIt() {
        drift("Customer", "customer_group", Map.of("options", "Territory"));
        Map<String, Object> customer = Map.of("customer_name", unique("Drifted"), "customer_type", "Company",
                "customer_group", "Commercial");

        asAdministrator(NORTH).contentType(ContentType.JSON).body(customer).post("/api/resource/Customer").then()
                .statusCode(417).body("exc_type", equalTo("LinkValidationError"))
                .body("_server_messages", containsString("Commercial"));

        given().delete("/admin/meta/" + NORTH + "/Customer").then().statusCode(200);
        asAdministrator(NORTH).contentType(ContentType.JSON).body(customer).post("/api/resource/Customer").then()
                .statusCode(200);
    }

    @Test
    void aChangeToAnUnknownFieldOrTargetIsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("reqd", 1))
                .put("/admin/meta/" + NORTH + "/Item/fields/no_such_field").then().statusCode(404)
                .body("type", equalTo("https://sitesync.dev/problems/not-found"));
        given().contentType(ContentType.JSON).body(Map.of("options", "Atlantis"))
                .put("/admin/meta/" + NORTH + "/Item/fields/brand").then().statusCode(400)
                .body("type", equalTo("https://sitesync.dev/problems/invalid-request"));
    }
}
