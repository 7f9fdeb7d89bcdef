package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.gateway.peers.Peers;
import dev.sitesync.gateway.peers.PeersResource;
import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.testsupport.postgres.TestDatabase;

/** What the gateway tests share: a real database, a real issuer, stub peers, and request helpers. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PeersResource.class, scope = TestResourceScope.GLOBAL)
public abstract class GatewayTest {

    protected static final String PROBLEM_JSON = "application/problem+json";
    protected static final String PROBLEMS = "https://sitesync.dev/problems/";

    /** Frappe v15's serialisation of FRAPPE-CONTRACT §6's worked example, with its doctype. */
    protected static final String V15_BODY = "{\"name\": \"SAL-ORD-2024-00042\", \"doctype\": \"Sales Order\", "
            + "\"customer\": \"Acme Corp\", \"grand_total\": 1180.0, \"docstatus\": 1, \"modified\": \"2024-01-05 10:11:12.123456\"}";
    /** The same document as Frappe develop writes it: {@code as_json}, indent 1, keys sorted. */
    protected static final String DEVELOP_BODY = """
            {
             "customer": "Acme Corp",
             "docstatus": 1,
             "doctype": "Sales Order",
             "grand_total": 1180.0,
             "modified": "2024-01-05 10:11:12.123457",
             "name": "SAL-ORD-2024-00042"
            }""";

    /** Injected by {@link PostgresTestResource}: the gateway's own database. */
    protected TestDatabase database;

    protected static Peers peers() {
        return Peers.shared();
    }

    protected static String token(String subject, String... roles) {
        return LocalIssuer.shared().token(subject, roles);
    }

    protected static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(token(subject, roles));
    }

    /** A webhook body for a document no other test uses. */
    protected static String itemBody(String name) {
        return "{\"doctype\": \"Item\", \"name\": \"" + name + "\", \"item_group\": \"Products\", "
                + "\"modified\": \"2024-03-01 09:00:00.000001\"}";
    }

    protected static String sign(String secret, String body) {
        return WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A webhook as Frappe sends it: the body as raw bytes, the signature header, no Content-Type. */
    protected static RequestSpecification webhook(String secret, String body) {
        return given().header(WebhookSignature.HEADER, sign(secret, body))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
