package dev.sitesync.frappe.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** The fixtures a seeded site holds, ERPNext's controller naming rules, and naming under concurrent inserts. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "frappe_sim"))
class SeedingAndNamingTest extends SimTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FrappeClient admin() {
        return client(siteAs(CENTRAL, credentials(CENTRAL).admin()));
    }

    @Test
    void aSeededSiteHoldsTheErpnextFixturesAndTheMastersTheyLinkTo() {
        try (FrappeClient admin = admin()) {
            ObjectNode warehouse = admin.get("Warehouse", "_Test Warehouse - _TC").await().atMost(WAIT);
            ObjectNode order = admin.get("Sales Order", "_T-Sales Order-00001").await().atMost(WAIT);
            long prices = admin.count("Item Price", List.of(Filter.in("price_list", List.of("_Test Price List",
                    "_Test Price List Rest of the World", "_Test Buying Price List", "_Test Selling Price List"))))
                    .await().atMost(WAIT);
            ObjectNode item = admin.get("Item", "_Test Item").await().atMost(WAIT);

            assertThat(warehouse.get("company").asText()).isEqualTo("_Test Company");
            assertThat(order.get("customer").asText()).isEqualTo("_Test Customer");
            assertThat(order.get("grand_total").asDouble()).isEqualTo(1000.0);
            assertThat(prices).isEqualTo(7);
            assertThat(item.get("uoms")).hasSize(2);
            assertThat(item.has("gst_hsn_code")).as("fields outside the doctype are dropped, as Frappe does").isFalse();
        }
    }

    @Test
    void aCustomerNamedLikeAnotherGetsFrappesNumberedSuffix() {
        String name = "Clash Customer " + System.nanoTime();
        ObjectNode customer = JSON.objectNode().put("customer_name", name).put("customer_type", "Company")
                .put("customer_group", "Commercial").put("territory", "All Territories");
        try (FrappeClient admin = admin()) {
            String first = admin.insert("Customer", customer).await().atMost(WAIT).get("name").asText();
            String second = admin.insert("Customer", customer).await().atMost(WAIT).get("name").asText();
            String third = admin.insert("Customer", customer).await().atMost(WAIT).get("name").asText();

            assertThat(List.of(first, second, third)).containsExactly(name, name + " - 1", name + " - 2");
        }
    }

    @Test
    void aWarehouseIsNamedWithItsCompanysAbbreviation() {
        String name = "Bay " + System.nanoTime();
        try (FrappeClient admin = admin()) {
            ObjectNode warehouse = admin.insert("Warehouse", JSON.objectNode().put("warehouse_name", name)
                    .put("company", "_Test Company")).await().atMost(WAIT);

            assertThat(warehouse.get("name").asText()).isEqualTo(name + " - _TC");
        }
    }

    @Test
    void concurrentInsertsGetDistinctSeriesNumbersAndDistinctModifiedValues() {
        int orders = 16;
        try (FrappeClient admin = client(siteAs(CENTRAL, credentials(CENTRAL).admin()).withMaxPoolSize(8))) {
            List<ObjectNode> saved = Multi.createFrom().range(0, orders)
                    .onItem().transformToUni(i -> admin.insert("Sales Order", order())).merge(8)
                    .collect().asList().await().atMost(WAIT);

            Set<String> names = new HashSet<>();
            Set<String> modified = new HashSet<>();
            saved.forEach(order -> {
                names.add(order.get("name").asText());
                modified.add(order.get("modified").asText());
            });
            assertThat(names).hasSize(orders).allMatch(name -> name.matches("SAL-ORD-\\d{4}-\\d{5}"));
            assertThat(modified).hasSize(orders);
        }
    }

    @Test
    void concurrentSubmitsReservingOneNewItemShareOneBin() {
        String code = "BIN-RACE-" + System.nanoTime();
        try (FrappeClient admin = client(siteAs(CENTRAL, credentials(CENTRAL).admin()).withMaxPoolSize(6))) {
            admin.insert("Item", JSON.objectNode().put("item_code", code).put("item_group", "Products")
                    .put("stock_uom", "Nos").put("is_stock_item", 1)).await().atMost(WAIT);
            List<String> drafts = Multi.createFrom().range(0, 6).onItem().transformToUni(i -> {
                ObjectNode order = order();
                ((ObjectNode) order.get("items").get(0)).put("item_code", code).put("qty", 2);
                return admin.insert("Sales Order", order).map(saved -> saved.get("name").asText());
            }).merge(6).collect().asList().await().atMost(WAIT);

            Multi.createFrom().iterable(drafts).onItem().transformToUni(name -> admin.submit("Sales Order", name))
                    .merge(6).collect().asList().await().atMost(WAIT);

            List<ObjectNode> bins = admin.list(ListQuery.of("Bin").fields("reserved_qty")
                    .where(Filter.eq("item_code", code))).await().atMost(WAIT);
            assertThat(bins).hasSize(1);
            assertThat(bins.get(0).get("reserved_qty").asDouble()).isEqualTo(12.0);
        }
    }

    private static ObjectNode order() {
        ObjectNode order = JSON.objectNode().put("customer", "_Test Customer").put("company", "_Test Company")
                .put("delivery_date", "2024-01-15");
        order.putArray("items").addObject().put("item_code", "_Test Item").put("qty", 1).put("rate", 10)
                .put("warehouse", "_Test Warehouse - _TC");
        return order;
    }

    @Test
    void synthesisedItemsComeWithAPriceAndStock() {
        try (FrappeClient admin = admin()) {
            long before = admin.count("Bin", List.of()).await().atMost(WAIT);

            bootstrap.seedItems(CENTRAL, 3);

            ObjectNode item = admin.get("Item", "SIM-ITEM-00002").await().atMost(WAIT);
            List<ObjectNode> bins = admin.list(ListQuery.of("Bin").fields("actual_qty", "projected_qty")
                    .where(Filter.eq("item_code", "SIM-ITEM-00002"))).await().atMost(WAIT);
            assertThat(item.get("item_group").asText()).isNotBlank();
            assertThat(bins).hasSize(1);
            assertThat(bins.get(0).get("projected_qty").asDouble()).isEqualTo(bins.get(0).get("actual_qty").asDouble());
            assertThat(admin.count("Bin", List.of()).await().atMost(WAIT)).isEqualTo(before + 3);
        }
    }
}
