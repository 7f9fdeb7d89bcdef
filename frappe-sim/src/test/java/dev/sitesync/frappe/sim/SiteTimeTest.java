package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** Each site's System Settings zone, its settable clock, and datetimes stamped straight into its database. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class SiteTimeTest extends SimTestSupport {

    private static final String SETTINGS = "/api/resource/System Settings/System Settings";

    @Inject
    DataSource dataSource;

    @AfterEach
    void restoreTheClock() {
        given().contentType(ContentType.JSON).body(Map.of("time_zone", "UTC")).put("/admin/clock/" + NORTH).then()
                .statusCode(200);
        given().delete("/admin/clock/" + NORTH).then().statusCode(200).body("mode", equalTo("system"));
    }

    private String insertItem(String code) {
        return asAdministrator(NORTH).contentType(ContentType.JSON).body(item(code)).post("/api/resource/Item")
                .then().statusCode(200).extract().path("data.modified");
    }

    @Test
    void systemSettingsAreServedAsFrappeServesASingleToASystemManagerOnly() {
        asAdministrator(NORTH).get(SETTINGS).then().statusCode(200).body("data.name", equalTo("System Settings"))
                .body("data.doctype", equalTo("System Settings")).body("data.time_zone", equalTo("UTC"));
        as(NORTH, credentials(NORTH).sync()).get(SETTINGS).then().statusCode(403)
                .body("exc_type", equalTo("PermissionError"));
    }

    @Test
    void anyCallerMayAskTheSitesTimeZone() {
        given().header("X-Frappe-Site-Name", NORTH).get("/api/method/frappe.client.get_time_zone").then()
                .statusCode(200).body("message.time_zone", equalTo("UTC"));
    }

    @Test
    void givenBerlinWhenEditsFallInTheHourThatComesTwiceThenTheyShareTheirNaiveLocalTime() {
        given().contentType(ContentType.JSON)
                .body(Map.of("time_zone", "Europe/Berlin", "at", "2026-10-25T00:30:00Z", "frozen", true))
                .put("/admin/clock/" + NORTH).then().statusCode(200).body("now", equalTo("2026-10-25 02:30:00"))
                .body("mode", equalTo("frozen"));
        String summer = insertItem(unique("DST-SUMMER"));
        given().contentType(ContentType.JSON).body(Map.of("at", "2026-10-25T03:30:00+02:00", "frozen", true))
                .put("/admin/clock/" + NORTH).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("at", "2026-10-25T01:30:00Z")).put("/admin/clock/" + NORTH)
                .then().statusCode(200).body("now", equalTo("2026-10-25 02:30:00"));
        String winter = insertItem(unique("DST-WINTER"));

        assertThat(summer).isEqualTo("2026-10-25 02:30:00");
        assertThat(winter).isEqualTo("2026-10-25 02:30:00");
        asAdministrator(NORTH).get(SETTINGS).then().body("data.time_zone", equalTo("Europe/Berlin"));
        given().header("X-Frappe-Site-Name", NORTH).get("/api/method/frappe.client.get_time_zone").then()
                .body("message.time_zone", equalTo("Europe/Berlin"));
    }

    @Test
    void aClockSetToRunKeepsGoingFromItsInstant() {
        given().contentType(ContentType.JSON).body(Map.of("at", "2031-03-01T12:00:00Z", "frozen", false))
                .put("/admin/clock/" + NORTH).then().statusCode(200).body("mode", equalTo("running"));

        String first = insertItem(unique("RUNNING"));
        String second = insertItem(unique("RUNNING"));

        assertThat(first).startsWith("2031-03-01 12:0");
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aZoneSavedOverRestMovesTheClockAndAnUnknownZoneIsRefused() {
        asAdministrator(NORTH).contentType(ContentType.JSON).body(Map.of("time_zone", "Asia/Kolkata")).put(SETTINGS)
                .then().statusCode(200).body("data.time_zone", equalTo("Asia/Kolkata"));
        given().get("/admin/clock/" + NORTH).then().statusCode(200).body("time_zone", equalTo("Asia/Kolkata"));

        asAdministrator(NORTH).contentType(ContentType.JSON).body(Map.of("time_zone", "Mars/Olympus")).put(SETTINGS)
                .then().statusCode(417).body("exc_type", equalTo("ValidationError"));
        given().contentType(ContentType.JSON).body(Map.of("time_zone", "Mars/Olympus")).put("/admin/clock/" + NORTH)
                .then().statusCode(400).body("type", equalTo("https://sitesync.dev/problems/invalid-request"));
        given().contentType(ContentType.JSON).body(Map.of("at", "2026-10-25 02:30:00")).put("/admin/clock/" + NORTH)
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("ambiguous"));
    }

    @Test
    void aSiteCreatedWithItsOwnZoneWritesInIt() {
        bootstrap.create("east");

        asAdministrator("east").get(SETTINGS).then().statusCode(200).body("data.time_zone", equalTo("Asia/Kolkata"));
        given().get("/admin/clock/east").then().statusCode(200).body("time_zone", equalTo("Asia/Kolkata"));
    }

    @Test
    void aTestMayStillStampModifiedStraightIntoTheSitesDatabase() throws Exception {
        String code = unique("STAMPED");
        insertItem(code);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement stamp = connection.prepareStatement(
                        "update site_north.document set modified = ?::timestamp, data = jsonb_set(data, '{modified}',"
                                + " to_jsonb(?::text)) where doctype = 'Item' and name = ?")) {
            stamp.setString(1, "2020-02-02 02:02:02.020202");
            stamp.setString(2, "2020-02-02 02:02:02.020202");
            stamp.setString(3, code);
            assertThat(stamp.executeUpdate()).isEqualTo(1);
        }

        String read = asAdministrator(NORTH).get("/api/resource/Item/" + code).then().statusCode(200).extract()
                .path("data.modified");
        List<String> listed = asAdministrator(NORTH)
                .queryParam("filters", "[[\"modified\",\"<\",\"2020-02-03 00:00:00\"],[\"name\",\"=\",\"" + code + "\"]]")
                .get("/api/resource/Item").then().statusCode(200).extract().path("data.name");

        assertThat(read).isEqualTo("2020-02-02 02:02:02.020202");
        assertThat(listed).containsExactly(code);
    }
}
