package dev.sitesync.frappe.sim.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentCodec;
import dev.sitesync.frappe.sim.engine.DocumentService;

/**
 * Seed data for a new site: the masters ERPNext's test records link to ({@code _Test Company}, groups, UOMs,
 * warehouses, price lists), the fixtures themselves, and synthetic Items, Item Prices, Bins and Customers.
 */
@ApplicationScoped
public class Seeder {

    private static final List<String> FIXTURES_IN_LINK_ORDER = List.of("price_list_test_records.json",
            "warehouse_test_records.json", "item_test_records_subset.json", "customer_test_records.json",
            "supplier_test_records.json", "item_price_test_records.json", "sales_order_test_records.json");
    private static final String FIXTURES_ON_CLASSPATH = "/fixtures/erpnext/";
    private static final String[] GROUPS = {"Products", "Services", "Raw Material", "Sub Assemblies", "Consumable"};
    public static final String STORES = "Stores - _TC";

    private final SimConfig config;
    private final DocumentService documents;
    private final ObjectMapper mapper;

    public Seeder(SimConfig config, DocumentService documents, ObjectMapper mapper) {
        this.config = config;
        this.documents = documents;
        this.mapper = mapper;
    }

    public void seed(Caller admin) {
        SimConfig.Seed seed = config.seed();
        if (!seed.masters() && !seed.fixtures() && seed.items() == 0 && seed.customers() == 0) {
            return;
        }
        // the fixtures and synthetic documents link to the masters
        masters(admin);
        if (seed.fixtures()) {
            fixtures(admin, seed.fixturesDir());
        }
        items(admin, seed.items());
        customers(admin, seed.customers());
    }

    /** What every seeded site has: one company with its warehouses, the tree roots and common masters. */
    public void masters(Caller admin) {
        for (String[] currency : new String[][]{{"INR", "₹"}, {"USD", "$"}, {"EUR", "€"}}) {
            insert(admin, "Currency", object().put("currency_name", currency[0]).put("symbol", currency[1])
                    .put("enabled", 1));
        }
        for (String country : List.of("India", "Greece", "Germany", "United States")) {
            insert(admin, "Country", object().put("country_name", country));
        }
        insert(admin, "Company", object().put("company_name", "_Test Company").put("abbr", "_TC")
                .put("default_currency", "INR").put("country", "India"));
        insert(admin, "Company", object().put("company_name", "_Test Company 1").put("abbr", "_TC1")
                .put("default_currency", "USD").put("country", "United States"));
        tree(admin, "Item Group", "item_group_name", "parent_item_group", "All Item Groups", "_Test Item Group",
                "_Test Item Group Desktops", "Products", "Services", "Raw Material", "Sub Assemblies", "Consumable");
        tree(admin, "Customer Group", "customer_group_name", "parent_customer_group", "All Customer Groups",
                "_Test Customer Group", "Commercial", "Individual");
        tree(admin, "Territory", "territory_name", "parent_territory", "All Territories", "_Test Territory");
        tree(admin, "Supplier Group", "supplier_group_name", "parent_supplier_group", "All Supplier Groups",
                "_Test Supplier Group", "Raw Material");
        for (String uom : List.of("Nos", "Kg", "Box", "_Test UOM", "_Test UOM 1")) {
            insert(admin, "UOM", object().put("uom_name", uom));
        }
        insert(admin, "Warehouse", object().put("warehouse_name", "All Warehouses").put("company", "_Test Company")
                .put("is_group", 1));
        insert(admin, "Warehouse", object().put("warehouse_name", "Stores").put("company", "_Test Company")
                .put("parent_warehouse", "All Warehouses - _TC"));
        insert(admin, "Price List", object().put("price_list_name", "Standard Selling").put("currency", "INR")
                .put("selling", 1));
        insert(admin, "Price List", object().put("price_list_name", "Standard Buying").put("currency", "INR")
                .put("buying", 1));
        insert(admin, "Price List", object().put("price_list_name", "_Test Selling Price List").put("currency", "INR")
                .put("selling", 1));
        insert(admin, "Price List", object().put("price_list_name", "_Test Buying Price List").put("currency", "INR")
                .put("buying", 1));
        // the fixtures' Item Prices and Sales Order name items from the full test records, outside the subset
        for (String code : List.of("_Test Item Home Desktop 100", "_Test Item Home Desktop Manufactured")) {
            insert(admin, "Item", object().put("item_code", code).put("item_group", "_Test Item Group Desktops")
                    .put("stock_uom", "_Test UOM").put("is_stock_item", 1));
        }
    }

    private void tree(Caller admin, String doctype, String nameField, String parentField, String root,
            String... children) {
        insert(admin, doctype, object().put(nameField, root).put("is_group", 1));
        for (String child : children) {
            insert(admin, doctype, object().put(nameField, child).put(parentField, root));
        }
    }

    private void fixtures(Caller admin, Optional<Path> folder) {
        for (String file : FIXTURES_IN_LINK_ORDER) {
            try (InputStream in = open(folder, file)) {
                for (JsonNode record : mapper.readTree(in)) {
                    insert(admin, record.path("doctype").asText(), (ObjectNode) record);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read fixture " + file, e);
            }
        }
    }

    /** The fixture from the configured directory, or the copy frappe-sim carries (see fixtures/erpnext/README.md). */
    private static InputStream open(Optional<Path> folder, String file) throws IOException {
        if (folder.isPresent()) {
            return Files.newInputStream(folder.get().resolve(file));
        }
        InputStream in = Seeder.class.getResourceAsStream(FIXTURES_ON_CLASSPATH + file);
        if (in == null) {
            throw new IOException("No fixture " + file + " on the classpath under " + FIXTURES_ON_CLASSPATH);
        }
        return in;
    }

    /** Items with a selling price and stock in the company's store; for benchmarks. */
    public void items(Caller admin, int count) {
        for (int i = 1; i <= count; i++) {
            String code = String.format("SIM-ITEM-%05d", i);
            insert(admin, "Item", object().put("item_code", code).put("item_name", "Simulated item " + i)
                    .put("item_group", GROUPS[i % GROUPS.length]).put("stock_uom", "Nos").put("is_stock_item", 1));
            insert(admin, "Item Price", object().put("item_code", code).put("price_list", "Standard Selling")
                    .put("price_list_rate", 10 + i % 90));
            insert(admin, "Bin", object().put("item_code", code).put("warehouse", STORES)
                    .put("actual_qty", 100 + i % 50).put("stock_uom", "Nos"));
        }
    }

    public void customers(Caller admin, int count) {
        for (int i = 1; i <= count; i++) {
            insert(admin, "Customer", object().put("customer_name", String.format("Simulated Customer %05d", i))
                    .put("customer_type", "Company").put("customer_group", "Commercial")
                    .put("territory", "All Territories"));
        }
    }

    private void insert(Caller admin, String doctype, ObjectNode doc) {
        documents.insert(admin, doctype, doc, false);
    }

    private static ObjectNode object() {
        return DocumentCodec.object();
    }
}
