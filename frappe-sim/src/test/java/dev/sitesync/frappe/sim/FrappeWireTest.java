package dev.sitesync.frappe.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.frappe.sim.site.SiteCredentials;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** What goes over the wire, byte for byte where clients depend on it: envelopes, routes, auth schemes, v2. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class FrappeWireTest extends SimTestSupport {

    private final ObjectMapper mapper = new ObjectMapper();

    private RequestSpecification asAdmin() {
        SiteCredentials.Key key = credentials(CENTRAL).admin();
        return given().header("X-Frappe-Site-Name", CENTRAL).header("Accept", "application/json")
                .header("Authorization", "token " + key.apiKey() + ":" + key.apiSecret());
    }

    @Test
    void aNotFoundEnvelopeCarriesTheMessagesEncodedTwiceAsPythonWritesThem() throws Exception {
        String body = asAdmin().get("/api/resource/Item/NO-SUCH-ITEM").then().statusCode(404)
                .contentType("application/json").extract().asString();

        JsonNode envelope = mapper.readTree(body);
        JsonNode messages = mapper.readTree(envelope.get("_server_messages").asText());
        String first = messages.get(0).asText();
        assertThat(envelope.get("exc_type").asText()).isEqualTo("DoesNotExistError");
        assertThat(first).startsWith("{\"message\": \"Item NO-SUCH-ITEM not found\", \"title\": \"Message\", "
                + "\"indicator\": \"red\", \"raise_exception\": 1, \"__frappe_exc_id\": \"");
    }

    @Test
    void theV1RoutesAnswerUnderApiAndApiV1WithOrWithoutATrailingSlash() {
        asAdmin().get("/api/v1/resource/UOM?filters=[[\"name\",\"=\",\"Nos\"]]").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].name", equalTo("Nos"));
        asAdmin().get("/api/resource/UOM/").then().statusCode(200).body("data", hasSize(5));
        asAdmin().get("/api/method/ping").then().statusCode(200).body("message", equalTo("pong"));
    }

    @Test
    void aCallerAskingForHtmlGetsFrappesErrorPage() {
        SiteCredentials.Key key = credentials(CENTRAL).admin();
        String page = given().header("X-Frappe-Site-Name", CENTRAL).header("Accept", "text/html")
                .header("Authorization", "token " + key.apiKey() + ":" + key.apiSecret())
                .get("/api/resource/Item/NO-SUCH-ITEM").then().statusCode(404).contentType("text/html")
                .extract().asString();

        assertThat(page).contains("<title>Message</title>").contains("Item NO-SUCH-ITEM not found");
    }

    @Test
    void aWebhookConditionBeyondTheSupportedSubsetIsRefusedWhenSaved() {
        asAdmin().contentType("application/json").body("{\"webhook_doctype\":\"Item\",\"webhook_docevent\":"
                + "\"on_update\",\"request_url\":\"http://127.0.0.1:9/x\",\"condition\":\"len(doc.name) > 3\"}")
                .post("/api/resource/Webhook").then().statusCode(417).body("exc_type", equalTo("ValidationError"));
    }

    @Test
    void anUnknownApiRouteIsA404Envelope() {
        asAdmin().get("/api/nothing/here").then().statusCode(404).body("exc_type", equalTo("DoesNotExistError"));
    }

    @Test
    void basicAuthCarriesTheApiKeyAndSecretAndBadBase64IsA400() {
        SiteCredentials.Key key = credentials(CENTRAL).admin();
        String basic = Base64.getEncoder().encodeToString((key.apiKey() + ":" + key.apiSecret())
                .getBytes(StandardCharsets.UTF_8));

        given().header("X-Frappe-Site-Name", CENTRAL).header("Authorization", "Basic " + basic)
                .get("/api/method/frappe.auth.get_logged_user").then().statusCode(200)
                .body("message", equalTo("Administrator"));
        given().header("X-Frappe-Site-Name", CENTRAL).header("Authorization", "Basic %%%")
                .get("/api/method/frappe.auth.get_logged_user").then().statusCode(400)
                .body("exc_type", equalTo("InvalidAuthorizationToken"));
    }

    @Test
    void aGuestMayPingButNotReadItems() {
        given().header("X-Frappe-Site-Name", CENTRAL).get("/api/method/ping").then().statusCode(200);
        given().header("X-Frappe-Site-Name", CENTRAL).get("/api/resource/Item").then().statusCode(403)
                .body("exc_type", equalTo("PermissionError"));
    }

    @Test
    void theHostNameSelectsTheSiteWhenNoHeaderDoes() {
        SiteCredentials.Key key = credentials(NORTH).admin();
        given().header("Host", "north.localhost").header("Authorization", "token " + key.apiKey() + ":"
                + key.apiSecret()).get("/api/method/frappe.auth.get_logged_user").then().statusCode(200);
        given().header("X-Frappe-Site-Name", "nowhere").get("/api/method/ping").then().statusCode(404);
    }

    @Test
    void oneSitesKeysDoNotOpenAnother() {
        SiteCredentials.Key northKey = credentials(NORTH).admin();
        given().header("X-Frappe-Site-Name", CENTRAL)
                .header("Authorization", "token " + northKey.apiKey() + ":" + northKey.apiSecret())
                .get("/api/method/frappe.auth.get_logged_user").then().statusCode(401)
                .body("exc_type", equalTo("AuthenticationError"));
    }

    @Test
    void aFormEncodedDataFieldIsADocumentAsFrappeClientSendsIt() {
        asAdmin().contentType("application/x-www-form-urlencoded")
                .formParam("data", "{\"brand\":\"Wire Brand " + System.nanoTime() + "\"}")
                .post("/api/resource/Brand").then().statusCode(200).body("data.doctype", equalTo("Brand"));
    }

    @Test
    void theV2ListSaysWhetherThereIsANextPage() {
        asAdmin().get("/api/v2/document/UOM?limit=2&order_by=name asc").then().statusCode(200)
                .body("data", hasSize(2)).body("has_next_page", equalTo(true));
        asAdmin().get("/api/v2/document/UOM?limit=50").then().statusCode(200).body("has_next_page", equalTo(false));
        asAdmin().get("/api/v2/document/Item/NOPE").then().statusCode(404)
                .body("errors[0].type", equalTo("DoesNotExistError"));
    }

    @Test
    void aDeleteAnswers202WithDataOk() {
        String brand = "Gone Brand " + System.nanoTime();
        asAdmin().contentType("application/json").body("{\"brand\":\"" + brand + "\"}").post("/api/resource/Brand")
                .then().statusCode(200);

        asAdmin().delete("/api/resource/Brand/" + brand).then().statusCode(202).body("data", equalTo("ok"));
    }

    @Test
    void passwordsAreNeitherReturnedNorFilterable() {
        asAdmin().get("/api/resource/User/Administrator").then().statusCode(200)
                .body("data.api_secret", org.hamcrest.Matchers.nullValue())
                .body("data.api_key", org.hamcrest.Matchers.notNullValue());
        asAdmin().get("/api/resource/User?filters=[[\"api_secret\",\"like\",\"a%\"]]").then().statusCode(417)
                .body("exc_type", equalTo("DataError"));
    }

    @Test
    void theFaultAdminApiAnswersForKnownSitesOnly() {
        given().get("/admin/faults/" + NORTH).then().statusCode(200).body("outage", equalTo(false));
        given().get("/admin/faults/atlantis").then().statusCode(404);
    }
}
