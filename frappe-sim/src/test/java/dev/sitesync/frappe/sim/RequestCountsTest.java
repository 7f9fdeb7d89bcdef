package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Each site's request counts by kind, doctype and method, read and reset through the admin API. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class RequestCountsTest extends SimTestSupport {

    @BeforeEach
    void reset() {
        given().delete("/admin/requests/" + NORTH).then().statusCode(204);
        given().delete("/admin/requests/" + CENTRAL).then().statusCode(204);
    }

    @Test
    void everyKindOfRequestIsCountedForItsSiteAndDoctype() {
        String code = unique("COUNTED");
        asAdministrator(NORTH).get("/api/resource/Item").then().statusCode(200);
        asAdministrator(NORTH).contentType(ContentType.JSON).body(item(code)).post("/api/resource/Item").then()
                .statusCode(200);
        asAdministrator(NORTH).get("/api/v1/resource/Item/" + code).then().statusCode(200);
        asAdministrator(NORTH).contentType(ContentType.JSON).body(Map.of("description", "counted"))
                .put("/api/resource/Item/" + code).then().statusCode(200);
        asAdministrator(NORTH).queryParam("doctype", "Item").get("/api/method/frappe.client.get_count").then()
                .statusCode(200);
        asAdministrator(NORTH).delete("/api/resource/Item/" + code).then().statusCode(202);
        asAdministrator(NORTH).get("/api/resource/Item/" + code).then().statusCode(404);

        given().get("/admin/requests/" + NORTH).then().statusCode(200).body("total", equalTo(7))
                .body("by_kind.list", equalTo(1)).body("by_kind.insert", equalTo(1)).body("by_kind.get", equalTo(2))
                .body("by_kind.update", equalTo(1)).body("by_kind.delete", equalTo(1))
                .body("by_kind.method", equalTo(1)).body("by_doctype.Item.get", equalTo(2))
                .body("by_doctype.Item.method", equalTo(1))
                .body("by_method.'frappe.client.get_count'", equalTo(1));
        given().get("/admin/requests/" + CENTRAL).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aResetStartsTheCountsAgain() {
        asAdministrator(NORTH).get("/api/method/ping").then().statusCode(200);

        given().delete("/admin/requests/" + NORTH).then().statusCode(204);

        given().get("/admin/requests/" + NORTH).then().statusCode(200).body("total", equalTo(0))
                .body("by_kind.method", equalTo(0));
    }

    @Test
    void anUnknownSiteIsAProblem() {
        given().get("/admin/requests/atlantis").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://sitesync.dev/problems/not-found"));
    }
}
