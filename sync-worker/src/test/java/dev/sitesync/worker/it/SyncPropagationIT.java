package dev.sitesync.worker.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;

/**
 * SiteSync's delivery guarantees across real processes: frappe-sim sites, identity-service, ownership-service and a
 * worker per site, on a real PostgreSQL. Items are created on central (their owner) and must reach north and south
 * once, equal, in order; refusals must be recorded and nothing sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncPropagationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final List<String> CONSUMERS = List.of("north", "south");
    private static SyncWorld world;

    @BeforeAll
    static void startTheWorld() throws Exception {
        world = SyncWorld.start();
        for (String site : SyncWorld.SITES) {
            given().auth().oauth2(world.token("sync-admin")).contentType(ContentType.JSON)
                    .when().post(world.workerUrls.get(site) + "/ops/v1/onboard")
                    .then().log().ifValidationFails().statusCode(200);
        }
        for (String site : SyncWorld.SITES) {
            // the first poll cycle places each checkpoint at the newest document; changes after it are captured
            await().atMost(PATIENCE).until(() -> count(site, "select count(*) from checkpoint where capture = 'poll'") >= 5);
        }
    }

    @AfterAll
    static void stopTheWorld() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void anItemCreatedAndUpdatedOnTheOwnerReachesEveryConsumerWithEqualFieldsItsNewGroupFirst() throws Exception {
        String group = "Group " + unique();
        String code = "SKU-" + unique();
        insert("central", "Item Group", object().put("item_group_name", group).put("parent_item_group", "All Item Groups"));
        insert("central", "Item", item(code, "Blue Mug").put("item_group", group).put("valuation_rate", 3.5));

        for (String consumer : CONSUMERS) {
            ObjectNode copy = awaitDocument(consumer, "Item", code, doc -> true);
            assertThat(copy.path("item_name").asText()).isEqualTo("Blue Mug");
            assertThat(copy.path("item_group").asText()).isEqualTo(group);
            assertThat(copy.path("stock_uom").asText()).isEqualTo("Nos");
            assertThat(copy.has("valuation_rate") && copy.get("valuation_rate").asDouble() != 0).as("excluded field").isFalse();
            assertThat(appliedOrder(consumer, group, code)).as("the group is applied before the item").isTrue();
        }

        update("central", "Item", code, object().put("item_name", "Blue Mug XL"));
        for (String consumer : CONSUMERS) {
            awaitDocument(consumer, "Item", code, doc -> doc.path("item_name").asText().equals("Blue Mug XL"));
        }
    }

    @Test
    @Order(2)
    void theSameWebhookFiveTimesPlusThePollerWriteOncePerTargetAndUnchangedDocumentsAreNotWrittenAgain()
            throws Exception {
        String code = "SKU-" + unique();
        ObjectNode created = insert("central", "Item", item(code, "Green Mug"));
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(world.token("gateway")).contentType(ContentType.JSON)
                    .body(Map.of("site", "central", "doctype", "Item", "name", code, "modified",
                            created.path("modified").asText(), "bodySha256", "a".repeat(64), "docEvent", "after_insert"))
                    .when().post(world.workerUrls.get("central") + "/internal/v1/events")
                    .then().statusCode(202);
        }
        Map<String, String> modifiedOnConsumers = new java.util.HashMap<>();
        for (String consumer : CONSUMERS) {
            modifiedOnConsumers.put(consumer, awaitDocument(consumer, "Item", code, doc -> true).path("modified").asText());
        }

        // more poll cycles and a full sync re-read the document: its content is unchanged, so nothing is written
        given().auth().oauth2(world.token("sync-admin")).contentType(ContentType.JSON).body(Map.of("doctype", "Item"))
                .when().post(world.workerUrls.get("central") + "/ops/v1/full-sync").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("central",
                "select count(*) from checkpoint where doctype = 'Item' and capture = 'full' and complete") == 1);
        Thread.sleep(3000);

        for (String consumer : CONSUMERS) {
            assertThat(document(consumer, "Item", code).orElseThrow().path("modified").asText())
                    .isEqualTo(modifiedOnConsumers.get(consumer));
            assertThat(appliedCount(consumer, code)).as("writes of %s on %s", code, consumer).isEqualTo(1);
        }
        assertThat(count("central", "select count(*) from inbound_event where name = '" + code + "'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void fiveHundredItemsCreatedWhileTheWorkersRunAllArriveOnceAndEqual() {
        String prefix = "BULK-" + unique() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            codes.add(prefix + String.format("%03d", i));
        }
        Multi.createFrom().iterable(codes)
                .onItem().transformToUni(code -> world.admin("central").insert("Item", item(code, "Bulk " + code)))
                .merge(8).collect().asList().await().atMost(PATIENCE);

        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> countItems(consumer, prefix) >= 500);
            List<ObjectNode> copies = world.admin(consumer).list(ListQuery.of("Item").fields("item_code", "item_name")
                    .where(Filter.like("item_code", prefix + "%")).unlimited()).await().atMost(PATIENCE);
            assertThat(copies).hasSize(500);
            assertThat(copies).extracting(c -> c.path("item_code").asText()).containsExactlyInAnyOrderElementsOf(codes);
            assertThat(copies).allSatisfy(c -> assertThat(c.path("item_name").asText())
                    .isEqualTo("Bulk " + c.path("item_code").asText()));
        }
    }

    @Test
    @Order(4)
    void twoHundredFiftyDocumentsSharingOneModifiedValueAcrossPageBoundariesAreAllCaptured() throws Exception {
        String prefix = "TIE-" + unique() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            codes.add(prefix + String.format("%03d", i));
        }
        Multi.createFrom().iterable(codes)
                .onItem().transformToUni(code -> world.admin("central").insert("Item", item(code, "Tie")))
                .merge(8).collect().asList().await().atMost(PATIENCE);
        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(3)).until(() -> countItems(consumer, prefix) >= 250);
        }

        // a bulk update that bypasses webhooks and gives all 250 one modified value: only keyset polling sees it. The
        // value is just after the site's newest document, as the site's own clock would give: a value in the future
        // would move the checkpoint past every change made until that time.
        try (Connection sim = world.sql(world.simDatabase); Statement statement = sim.createStatement()) {
            statement.executeUpdate("""
                    with stamp as (select max(modified) + interval '1 millisecond' as at from site_central.document)
                    update site_central.document
                       set modified = stamp.at,
                           data = jsonb_set(jsonb_set(data, '{description}', '"bulk"'), '{modified}',
                                  to_jsonb(to_char(stamp.at, 'YYYY-MM-DD HH24:MI:SS.US')))
                      from stamp
                     where doctype = 'Item' and name like '%s%%'""".formatted(prefix));
        }
        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> world.admin(consumer)
                    .count("Item", List.of(Filter.like("item_code", prefix + "%"), Filter.eq("description", "bulk")))
                    .await().atMost(PATIENCE) == 250);
        }
    }

    @Test
    @Order(5)
    void envelopesDeliveredOutOfOrderLeaveTheConsumerAtTheNewestVersion() {
        String code = "SKU-" + unique();
        String externalId = given().auth().oauth2(world.token("sync-worker")).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("site", "central", "doctype", "Item", "localName", code)),
                        "assign", true))
                .when().post(identityUrl() + "/api/v1/identities/resolve").then().statusCode(200)
                .extract().path("results[0].externalId");

        deliver("north", envelope(externalId, code, "2030-01-01 00:00:03", "Version three"));
        awaitDocument("north", "Item", code, doc -> doc.path("item_name").asText().equals("Version three"));
        deliver("north", envelope(externalId, code, "2030-01-01 00:00:02", "Version two"));

        await().atMost(PATIENCE).until(() -> count("north",
                "select count(*) from sync_log where status = 'SKIPPED_OLDER' and external_id = '" + externalId + "'") == 1);
        assertThat(document("north", "Item", code).orElseThrow().path("item_name").asText()).isEqualTo("Version three");
    }

    @Test
    @Order(6)
    void aSalesOrderRegistersAReferenceAndWritesNothingToConsumersWhileAGlEntryIsRefusedAndLogged() {
        String customer = "Customer " + unique();
        insert("central", "Customer", object().put("customer_name", customer).put("customer_type", "Company")
                .put("customer_group", "All Customer Groups").put("territory", "All Territories"));
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Order item"));
        String company = world.admin("central").list(ListQuery.of("Company").fields("name").limit(0, 1))
                .await().atMost(PATIENCE).get(0).path("name").asText();
        ObjectNode order = object().put("customer", customer).put("company", company)
                .put("transaction_date", "2026-11-20").put("delivery_date", "2026-11-30");
        order.putArray("items").addObject().put("item_code", code).put("qty", 2).put("rate", 50)
                .put("delivery_date", "2026-11-30");
        String orderName = insert("central", "Sales Order", order).path("name").asText();

        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from sync_log where status = 'REFERENCED' "
                + "and doctype = 'Sales Order' and local_name = '" + orderName + "'") >= 1);
        String externalId = given().auth().oauth2(world.token("sre")).queryParam("site", "central")
                .queryParam("doctype", "Sales Order").queryParam("name", orderName)
                .when().get(identityUrl() + "/api/v1/identities").then().statusCode(200).extract().path("externalId");
        given().auth().oauth2(world.token("auditor")).when().get(identityUrl() + "/api/v1/references/" + externalId)
                .then().statusCode(200);
        for (String consumer : CONSUMERS) {
            assertThat(document(consumer, "Sales Order", orderName)).isEmpty();
        }

        given().auth().oauth2(world.token("gateway")).contentType(ContentType.JSON)
                .body(Map.of("site", "central", "doctype", "GL Entry", "name", "ACC-GLE-2026-00001", "modified",
                        "2026-11-20 10:00:00", "bodySha256", "b".repeat(64)))
                .when().post(world.workerUrls.get("central") + "/internal/v1/events").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from sync_log where status = 'REFUSED' "
                + "and doctype = 'GL Entry' and detail like 'NEVER_SYNC%'") == 1);
    }

    @Test
    @Order(7)
    void aDeleteOnTheOwnerDisablesTheConsumersCopy() {
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Short-lived"));
        for (String consumer : CONSUMERS) {
            awaitDocument(consumer, "Item", code, doc -> true);
        }

        world.admin("central").delete("Item", code).await().atMost(PATIENCE);

        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> document(consumer, "Item", code).map(doc -> doc.path("disabled").asInt() == 1).orElse(false));
        }
    }

    @Test
    @Order(8)
    void aChangeMadeOnANonOwnerSiteIsRecordedAsAnOwnershipViolationAndNotSent() throws Exception {
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Owned by central"));
        awaitDocument("north", "Item", code, doc -> true);
        awaitDocument("south", "Item", code, doc -> true);

        update("north", "Item", code, object().put("item_name", "Edited in north"));

        await().atMost(PATIENCE).until(() -> count("north", "select count(*) from sync_log where status = "
                + "'OWNERSHIP_VIOLATION' and doctype = 'Item' and local_name = '" + code + "'") >= 1);
        Thread.sleep(3000);
        assertThat(document("central", "Item", code).orElseThrow().path("item_name").asText()).isEqualTo("Owned by central");
        assertThat(document("south", "Item", code).orElseThrow().path("item_name").asText()).isEqualTo("Owned by central");
    }

    @Test
    @Order(9)
    void twoWorkerProcessesForOneSiteOnOneDatabaseNeverApplyADocumentTwice() throws SQLException {
        world.startReplica("north");
        String prefix = "PAIR-" + unique() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            codes.add(prefix + String.format("%03d", i));
        }
        Multi.createFrom().iterable(codes)
                .onItem().transformToUni(code -> world.admin("central").insert("Item", item(code, "Pair")))
                .merge(8).collect().asList().await().atMost(PATIENCE);

        await().atMost(Duration.ofMinutes(3)).until(() -> countItems("north", prefix) >= 100);
        assertThat(countItems("north", prefix)).isEqualTo(100);
        assertThat(count("north", """
                select count(*) from (select external_id from sync_log where status = 'APPLIED' and local_name like '%s%%'
                group by external_id having count(*) > 1) twice""".formatted(prefix))).isZero();
    }

    @Test
    @Order(10)
    void theAuditChainVerifiesAndAfterASuperuserAltersARowVerifyNamesIt() throws Exception {
        given().auth().oauth2(world.token("auditor")).when().get(world.workerUrls.get("north") + "/ops/v1/audit/verify")
                .then().statusCode(200).body("firstBrokenId", org.hamcrest.Matchers.nullValue());
        long tampered;
        try (Connection north = world.sql(world.workerDatabases.get("north")); Statement statement = north.createStatement()) {
            tampered = count("north", "select min(id) + 3 from sync_log");
            statement.execute("alter table sync_log disable trigger sync_log_append_only");
            statement.executeUpdate("update sync_log set detail = 'rewritten' where id = " + tampered);
            statement.execute("alter table sync_log enable trigger sync_log_append_only");
        }

        given().auth().oauth2(world.token("auditor")).when().get(world.workerUrls.get("north") + "/ops/v1/audit/verify")
                .then().statusCode(200).body("firstBrokenId", org.hamcrest.Matchers.equalTo((int) tampered));
    }

    private static void deliver(String site, Map<String, Object> envelope) {
        given().auth().oauth2(world.token("sync-worker")).contentType(ContentType.JSON).body(envelope)
                .when().post(world.workerUrls.get(site) + "/internal/v1/envelopes").then().statusCode(202);
    }

    private static Map<String, Object> envelope(String externalId, String code, String version, String itemName) {
        Map<String, Object> payload = Map.of("item_code", code, "item_name", itemName, "item_group", "All Item Groups",
                "stock_uom", "Nos", "is_stock_item", 1);
        return Map.of("externalId", externalId, "doctype", "Item", "sourceSite", "central", "sourceName", code,
                "targetSite", "north", "version", version, "contentHash", sha256(itemName + version),
                "operation", "UPSERT", "payload", payload, "policyVersion", 1);
    }

    private static String identityUrl() {
        return world.identityUrl();
    }

    private static ObjectNode item(String code, String name) {
        return object().put("item_code", code).put("item_name", name).put("item_group", "All Item Groups")
                .put("stock_uom", "Nos").put("is_stock_item", 1);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode insert(String site, String doctype, ObjectNode document) {
        return world.admin(site).insert(doctype, document).await().atMost(PATIENCE);
    }

    private static void update(String site, String doctype, String name, ObjectNode changes) {
        world.admin(site).update(doctype, name, changes).await().atMost(PATIENCE);
    }

    private static Optional<ObjectNode> document(String site, String doctype, String name) {
        FrappeClient client = world.admin(site);
        List<ObjectNode> rows = client.list(ListQuery.of(doctype).fields("name").where(Filter.eq("name", name)))
                .await().atMost(PATIENCE);
        return rows.isEmpty() ? Optional.empty() : Optional.of(client.get(doctype, name).await().atMost(PATIENCE));
    }

    private static ObjectNode awaitDocument(String site, String doctype, String name,
            java.util.function.Predicate<ObjectNode> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> document(site, doctype, name), found -> found.isPresent() && condition.test(found.get()))
                .orElseThrow();
    }

    private static long countItems(String site, String prefix) {
        return world.admin(site).count("Item", List.of(Filter.like("item_code", prefix + "%"))).await().atMost(PATIENCE);
    }

    private static long appliedCount(String site, String localName) throws SQLException {
        return count(site, "select count(*) from sync_log where status = 'APPLIED' and local_name = '" + localName + "'");
    }

    /** Whether the group's APPLIED row comes before the item's in the site's sync log. */
    private static boolean appliedOrder(String site, String group, String code) throws SQLException {
        try (Connection connection = world.sql(world.workerDatabases.get(site));
                PreparedStatement query = connection.prepareStatement("""
                        select (select min(id) from sync_log where status = 'APPLIED' and local_name = ?)
                             < (select min(id) from sync_log where status = 'APPLIED' and local_name = ?)""")) {
            query.setString(1, group);
            query.setString(2, code);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static long count(String site, String sql) throws SQLException {
        try (Connection connection = world.sql(world.workerDatabases.get(site));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
