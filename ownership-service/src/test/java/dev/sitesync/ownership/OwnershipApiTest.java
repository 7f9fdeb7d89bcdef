package dev.sitesync.ownership;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.testsupport.postgres.TestDatabase;

/**
 * What the ownership-service tests share: a real database, real tokens, and policy helpers. The service starts with
 * src/test/resources/policy/test-policy.yaml; tests that change the policy only add sites and doctypes of their own
 * (named with {@link #unique}), so every test can rely on the rules of that file.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "ownership"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
public abstract class OwnershipApiTest {

    protected static final String PROBLEM_JSON = "application/problem+json";
    protected static final String PROBLEMS = "https://sitesync.dev/problems/";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Injected by {@link PostgresTestResource}: the service's own database, for raw SQL checks. */
    protected TestDatabase database;

    protected static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(LocalIssuer.shared().token(subject, roles)).contentType(ContentType.JSON);
    }

    /** Starts anywhere among 26^6 names, so a database kept from an earlier run holds none of this run's names. */
    private static final AtomicLong NAMES = new AtomicLong(ThreadLocalRandom.current().nextLong(308_915_776L / 2));

    protected static RequestSpecification asAdmin() {
        return as("alice", "sync-admin");
    }

    protected static RequestSpecification asWorker() {
        return as("worker-central", "sync-worker");
    }

    /**
     * A name no other test uses: letters only, so it is a valid doctype name and, lowercased, a site code. Six letters
     * from a counter, never fewer (the letters of a random UUID can be fewer than six).
     */
    protected static String unique(String prefix) {
        long n = NAMES.getAndIncrement();
        StringBuilder letters = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++, n /= 26) {
            letters.append((char) ('a' + n % 26));
        }
        return letters.toString();
    }

    protected static Response currentPolicy() {
        return asAdmin().when().get("/api/v1/policy");
    }

    protected static String currentETag() {
        return currentPolicy().then().statusCode(200).extract().header("ETag");
    }

    /** The current document with a change applied to its tree (comments are not kept). */
    protected static String changedPolicy(Consumer<ObjectNode> change) {
        try {
            ObjectNode document = (ObjectNode) YAML.readTree(currentPolicy().then().extract().<String>path("document"));
            change.accept(document);
            return YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an entry, written as YAML (e.g. a flow mapping), to a top-level list of the document. */
    protected static void add(ObjectNode document, String list, String entryYaml) {
        try {
            ArrayNode entries = document.has(list) ? (ArrayNode) document.get(list) : document.putArray(list);
            entries.add(YAML.readTree(entryYaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Response putPolicy(String document, String reason, String ifMatch) {
        RequestSpecification request = asAdmin().body(Map.of("document", document, "reason", reason));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/v1/policy");
    }

    /** Applies a change to the current policy and answers the new ETag. */
    protected static String applyChange(Consumer<ObjectNode> change, String reason) {
        String etag = currentETag();
        return putPolicy(changedPolicy(change), reason, etag).then().statusCode(200).extract().header("ETag");
    }

    protected static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }

    protected Connection sql() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
