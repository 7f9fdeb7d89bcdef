package dev.sitesync.identity;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.testsupport.postgres.TestDatabase;

/** What the identity-service tests share: a real database, real tokens, and request helpers. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
public abstract class IdentityApiTest {

    protected static final String PROBLEM_JSON = "application/problem+json";
    protected static final String PROBLEMS = "https://sitesync.dev/problems/";

    /** Injected by {@link PostgresTestResource}: the service's own database, for raw SQL checks. */
    protected TestDatabase database;

    protected static RequestSpecification as(String... roles) {
        return given().auth().oauth2(LocalIssuer.shared().token("tester", roles)).contentType(ContentType.JSON);
    }

    protected static RequestSpecification asWorker() {
        return as("sync-worker");
    }

    /** As the worker of a site: its client's token, as Keycloak issues it (the client in {@code azp}). */
    protected static RequestSpecification asWorkerOf(String site) {
        return given().auth().oauth2(LocalIssuer.shared().tokens().subject("service-account-worker-" + site)
                .claim("azp", "worker-" + site).roles("sync-worker").sign()).contentType(ContentType.JSON);
    }

    /** A local name no other test uses, so tests never see each other's documents. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static Map<String, Object> item(String site, String doctype, String localName) {
        return Map.of("site", site, "doctype", doctype, "localName", localName);
    }

    protected Connection sql() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
