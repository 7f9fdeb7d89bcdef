package dev.sitesync.frappe.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.frappe.sim.site.SiteBootstrap;
import dev.sitesync.frappe.sim.site.SiteCredentials;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** A site's sync user gets a new secret as a System Manager gives it one, and the old one back. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class ApiSecretRotationTest extends SimTestSupport {

    private static final String GENERATE_KEYS = "/api/method/frappe.core.doctype.user.user.generate_keys";

    @Test
    void aRotatedSecretLocksTheOldOneOutUntilItIsRestored() {
        SiteCredentials.Key old = credentials(NORTH).sync();

        String secret = asAdministrator(NORTH).contentType(ContentType.JSON)
                .body(Map.of("user", SiteBootstrap.SYNC_USER)).post(GENERATE_KEYS).then().statusCode(200).extract()
                .path("message.api_secret");
        SiteCredentials.Key rotated = new SiteCredentials.Key(old.user(), old.apiKey(), secret);

        as(NORTH, old).get("/api/method/frappe.auth.get_logged_user").then().statusCode(401)
                .body("exc_type", equalTo("AuthenticationError"));
        as(NORTH, rotated).get("/api/method/frappe.auth.get_logged_user").then().statusCode(200)
                .body("message", equalTo(SiteBootstrap.SYNC_USER));

        asAdministrator(NORTH).contentType(ContentType.JSON).body(Map.of("api_secret", old.apiSecret()))
                .put("/api/resource/User/" + SiteBootstrap.SYNC_USER).then().statusCode(200);

        as(NORTH, old).get("/api/method/frappe.auth.get_logged_user").then().statusCode(200);
        as(NORTH, rotated).get("/api/method/frappe.auth.get_logged_user").then().statusCode(401);
        assertThat(secret).hasSize(15).isNotEqualTo(old.apiSecret());
    }

    @Test
    void onlyASystemManagerMayGenerateKeysAndOnlyByPost() {
        as(NORTH, credentials(NORTH).sync()).contentType(ContentType.JSON)
                .body(Map.of("user", SiteBootstrap.SYNC_USER)).post(GENERATE_KEYS).then().statusCode(403)
                .body("exc_type", equalTo("PermissionError"));
        asAdministrator(NORTH).queryParam("user", SiteBootstrap.SYNC_USER).get(GENERATE_KEYS).then().statusCode(403);
        as(NORTH, credentials(NORTH).sync()).get("/api/method/frappe.auth.get_logged_user").then().statusCode(200);
    }
}
