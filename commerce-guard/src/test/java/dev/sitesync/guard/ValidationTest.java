package dev.sitesync.guard;

import static dev.sitesync.guard.OrderJson.order;
import static dev.sitesync.guard.OrderJson.orderWithout;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A malformed order is a 400 problem naming the offending field as the caller wrote it. */
@QuarkusTest
class ValidationTest extends GuardApiTest {

    @Test
    void aMissingCustomerIsNamed() {
        invalid(orderWithout("customer")).body("violations.field", hasItem("order.customer"));
    }

    @Test
    void aLineWithANegativeQuantityIsNamedByItsIndex() {
        invalid(order().item("GUARD-MUG", -1, 100)).body("violations.field", hasItem("order.items[1].qty"));
    }

    @Test
    void fieldsAreNamedInTheOrdersOwnSnakeCase() {
        invalid(order().line("item_code", "")).body("violations.field", hasItem("order.items[0].item_code"))
                .body("detail", containsString("order.items[0].item_code"));
        invalid(order().with("additional_discount_percentage", 140))
                .body("violations.field", hasItem("order.additional_discount_percentage"));
    }

    @Test
    void anOrderWithoutLinesIsRefused() {
        OrderJson empty = order().with("items", List.of());

        invalid(empty).body("violations.field", hasItem("order.items"));
    }

    @Test
    void aTaxRowWithAnUnknownChargeTypeIsNamed() {
        invalid(order().with("taxes", List.of(Map.of("charge_type", "Whatever", "account_head", "VAT - _TC"))))
                .body("violations.field", hasItem("order.taxes[0].charge_type"));
    }

    @Test
    void aSiteCodeOutsideItsAlphabetIsNamed() {
        Map<String, Object> request = new HashMap<>(order().request());
        request.put("site", "Shop_1");

        storefront().body(request).when().post("/api/v1/orders/check").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations.field", hasItem("site"));
    }

    @Test
    void aSiteTheGuardIsNotConnectedToIsNamed() {
        Map<String, Object> request = new HashMap<>(order().request());
        request.put("site", "elsewhere");

        storefront().body(request).when().post("/api/v1/orders/check").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("violations.field", hasItem("site"));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        malformed(order().line("qty", "many")).body("violations[0].field", equalTo("order.items[0].qty"));
        malformed(order().with("transaction_date", "yesterday"))
                .body("violations[0].field", equalTo("order.transaction_date"));
    }

    @Test
    void aFieldTheGuardDoesNotKnowIsRefusedSoNothingUncheckedReachesTheSite() {
        malformed(order().with("naming_series", "X-.YYYY.-")).body("violations[0].field",
                equalTo("order.naming_series"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        storefront().body("{\"site\": \"shop\", \"order\": {").when().post("/api/v1/orders/check").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @Test
    void aMissingOrderIsNamed() {
        storefront().body(Map.of("site", "shop")).when().post("/api/v1/orders").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations.field", hasItem("order"));
    }

    @Test
    void aRateBeyondWhatTheSiteCanStoreIsNamed() {
        invalid(order().onlyItem("GUARD-MUG", 1, 1e12)).body("violations.field", hasItem("order.items[0].rate"));
    }

    @Test
    void aQuantityWithAHugeExponentIsNamedWithoutBeingComputed() {
        String body = "{\"site\":\"shop\",\"order\":{\"customer\":\"Guard Customer\",\"company\":\"_Test Company\","
                + "\"items\":[{\"item_code\":\"GUARD-MUG\",\"qty\":1e5000000,\"rate\":1,\"warehouse\":\"Stores - _TC\"}]}}";

        storefront().body(body).when().post("/api/v1/orders/check").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("order.items[0].qty"));
    }

    @Test
    void anOrderWorthMoreThanTheSiteCanStoreIsRefused() {
        invalid(order().onlyItem("GUARD-MUG", 1_000_000, 10_000_000))
                .body("violations.field", hasItem("order.items[0].amount"));
    }

    private static ValidatableResponse invalid(OrderJson order) {
        return check(order).statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-request"));
    }

    private static ValidatableResponse malformed(OrderJson order) {
        return check(order).statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "malformed-json"));
    }
}
