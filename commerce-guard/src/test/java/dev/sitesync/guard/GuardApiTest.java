package dev.sitesync.guard;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.guard.site.ShopSite;
import dev.sitesync.guard.site.ShopSiteResource;
import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.support.payment.PaymentSignature;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/**
 * What the commerce-guard service tests share: the guard's own database, real tokens, the shop site on frappe-sim, and
 * request helpers.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "guard"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ShopSiteResource.class, scope = TestResourceScope.GLOBAL)
public abstract class GuardApiTest {

    protected static final String PROBLEM_JSON = "application/problem+json";
    protected static final String PROBLEMS = "https://sitesync.dev/problems/";
    protected static final String STOREFRONT = "storefront-eu";
    protected static final String PROVIDER = "acme-pay";
    protected static final String PROVIDER_SECRET = "acme-current-secret";

    protected static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(LocalIssuer.shared().token(subject, roles)).contentType(ContentType.JSON);
    }

    protected static RequestSpecification storefront() {
        return as(STOREFRONT, "storefront");
    }

    protected static ShopSite site() {
        return ShopSite.shared();
    }

    protected static ValidatableResponse check(OrderJson order) {
        return storefront().body(order.request()).when().post("/api/v1/orders/check").then();
    }

    protected static ValidatableResponse create(OrderJson order) {
        return storefront().body(order.request()).when().post("/api/v1/orders").then();
    }

    /** A create under an Idempotency-Key, as a storefront that may retry sends it. */
    protected static ValidatableResponse create(OrderJson order, String idempotencyKey) {
        return storefront().header("Idempotency-Key", idempotencyKey).body(order.request()).when()
                .post("/api/v1/orders").then();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A provider callback, signed now with the provider's current secret, through the gateway. */
    protected static ValidatableResponse callback(Map<String, Object> event) {
        return callback(event, Instant.now().getEpochSecond(), PROVIDER_SECRET);
    }

    protected static ValidatableResponse callback(Map<String, Object> event, long signedAt, String secret) {
        String body = json(event);
        return as("gateway", "gateway")
                .header("X-Payment-Signature",
                        PaymentSignature.sign(secret, signedAt, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).when().post("/api/v1/payments/" + PROVIDER + "/callbacks").then();
    }

    protected static Map<String, Object> paymentFor(String salesOrder, BigDecimal amount) {
        return Map.of("eventId", unique("evt"), "type", "payment.succeeded", "transactionId", unique("txn"),
                "amount", amount, "currency", ShopSite.CURRENCY, "site", ShopSite.CODE, "salesOrder", salesOrder);
    }

    private static String json(Map<String, Object> value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
