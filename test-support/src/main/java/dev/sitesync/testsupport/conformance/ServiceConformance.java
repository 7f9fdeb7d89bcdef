package dev.sitesync.testsupport.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Iterator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;

/**
 * What every SiteSync service answers to bad input and bad tokens, stated once: malformed JSON, unknown fields, wrong
 * types, oversized bodies, unknown paths, wrong methods, and missing, expired, foreign, forged or unsigned tokens are
 * each refused as {@code application/problem+json} with a stable {@code type}, never a 500, an HTML page or a stack
 * trace. A service's test extends this class and names one endpoint that takes a JSON object.
 */
public abstract class ServiceConformance {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEMS = "https://sitesync.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalIssuer foreign;

    /** A path that takes a JSON object by POST. */
    protected abstract String jsonPath();

    /** A body the endpoint accepts, as a JSON object. */
    protected abstract String validBody();

    /** The roles of a caller the endpoint lets in. */
    protected abstract String[] roles();

    /** The largest body the service reads; anything larger is refused before it is read. */
    protected int maxBodyBytes() {
        return 2 * 1024 * 1024;
    }

    /** Where requests go, and anything the service needs on every request; the Quarkus test's base URI by default. */
    protected RequestSpecification request() {
        return given();
    }

    @BeforeAll
    static void startForeignIssuer() {
        foreign = LocalIssuer.startSeparate();
    }

    @AfterAll
    static void stopForeignIssuer() {
        if (foreign != null) {
            foreign.close();
        }
    }

    /** The refusals below prove something only if the same request, well formed, is taken. */
    @Test
    void theValidBodyWithAGoodTokenIsTaken() {
        post(authorized(), validBody()).log().ifValidationFails()
                .statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(300)));
    }

    @Test
    void malformedJsonIsAMalformedBody() {
        problem(post(authorized(), "{\"unterminated\": "), 400, "malformed-json");
    }

    @Test
    void anUnknownFieldIsRefused() {
        ObjectNode body = (ObjectNode) read(validBody());
        body.put("surpriseField", 1);

        problem(post(authorized(), body.toString()), 400, "malformed-json").body("detail", containsString("surpriseField"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        ObjectNode body = (ObjectNode) read(validBody());
        Iterator<String> names = body.fieldNames();
        String field = names.next();
        body.set(field, wrongTypeFor(body.get(field)));

        problem(post(authorized(), body.toString()), 400, "malformed-json");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedUnread() {
        String padding = "x".repeat(maxBodyBytes() + 1);

        problem(post(authorized(), "{\"padding\": \"" + padding + "\"}"), 413, "payload-too-large");
    }

    @Test
    void anUnknownPathIsNotFound() {
        problem(authorized().when().get("/api/v1/no-such-resource").then(), 404, "not-found");
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        problem(authorized().when().delete(jsonPath()).then(), 405, "method-not-allowed");
    }

    @Test
    void aCallerWithoutTheRoleIsForbidden() {
        problem(post(request().auth().oauth2(LocalIssuer.shared().token("nobody")), validBody()), 403, "forbidden");
    }

    /** Tokens a caller must never get past with. */
    enum BadToken {
        NONE,
        NOT_A_JWT,
        EXPIRED,
        ANOTHER_AUDIENCE,
        ANOTHER_ISSUER,
        ANOTHER_KEY_UNDER_OUR_KEY_ID,
        ALG_NONE,
        HS256_KEYED_WITH_OUR_PUBLIC_KEY
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void aBadTokenIsUnauthenticated(BadToken kind) {
        RequestSpecification request = request();
        String token = token(kind);
        if (token != null) {
            request.auth().oauth2(token);
        }

        problem(post(request, validBody()), 401, "unauthenticated");
    }

    private String token(BadToken kind) {
        LocalIssuer ours = LocalIssuer.shared();
        return switch (kind) {
            case NONE -> null;
            case NOT_A_JWT -> "not-a-jwt";
            case EXPIRED -> ours.tokens().roles(roles()).expiredSince(Duration.ofMinutes(10)).sign();
            case ANOTHER_AUDIENCE -> ours.tokens().roles(roles()).audience("elsewhere").sign();
            case ANOTHER_ISSUER -> foreign.token("mallory", roles());
            case ANOTHER_KEY_UNDER_OUR_KEY_ID -> ours.tokens().roles(roles()).signedWith(foreign.keys().getPrivate()).sign();
            case ALG_NONE -> ours.tokens().roles(roles()).unsigned();
            case HS256_KEYED_WITH_OUR_PUBLIC_KEY -> ours.tokens().roles(roles()).hmacWithPublicKey();
        };
    }

    private RequestSpecification authorized() {
        return request().auth().oauth2(LocalIssuer.shared().token("conformance", roles()));
    }

    private ValidatableResponse post(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).when().post(jsonPath()).then();
    }

    /** The answer is a problem of the given status and type, written for people: no trace, no page. */
    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.log().ifValidationFails().statusCode(status).contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status))
                .body(not(containsString("Exception")), not(containsString("\tat ")), not(containsString("<html")));
    }

    /** A value no field of that JSON type accepts: an object for a scalar, a string for a number, ... */
    private static JsonNode wrongTypeFor(JsonNode value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isTextual() || value.isBoolean() || value.isArray()) {
            return nodes.objectNode().put("unexpected", true);
        }
        if (value.isNumber()) {
            return nodes.textNode("not a number");
        }
        return nodes.arrayNode().add(1).add(2);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("validBody() is not JSON: " + json, e);
        }
    }
}
