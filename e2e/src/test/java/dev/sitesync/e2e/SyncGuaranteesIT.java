package dev.sitesync.e2e;

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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.localstack.ManagedService;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackSites;

/**
 * The delivery guarantees the quiet stack shows beyond propagation: dependencies first and excluded fields dropped,
 * nothing written again by a full sync, ties on {@code modified} across page boundaries, versions out of order,
 * references and refusals, deletes, ownership violations recorded once, two replicas of one worker, the audit chain,
 * dead letters and parked deliveries for operators, and envelope batches. Each test makes its own documents.
 */
@ExtendWith(SharedStack.class)
@Order(2)
class SyncGuaranteesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final List<String> CONSUMERS = List.of(StackSites.NORTH, StackSites.SOUTH);
    /** Keycloak names a client's token by its service account; the worker records it as who acted. */
    /** Three of the stack's poll pages (50 rows each): the tie crosses two page boundaries. */
    private static final int TIED = 120;
    private static final String OPERATOR = "service-account-" + RunningStack.ADMIN;
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
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
    void theSameWebhookFiveTimesPlusThePollerWriteOncePerTargetAndUnchangedDocumentsAreNotWrittenAgain()
            throws Exception {
        String code = "SKU-" + unique();
        ObjectNode created = insert("central", "Item", item(code, "Green Mug"));
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(world.token(RunningStack.GATEWAY)).contentType(ContentType.JSON)
                    .body(Map.of("site", "central", "doctype", "Item", "name", code, "modified",
                            created.path("modified").asText(), "bodySha256", "a".repeat(64), "docEvent", "after_insert"))
                    .when().post(world.workerUrl(StackSites.CENTRAL) + "/internal/v1/events")
                    .then().statusCode(202);
        }
        Map<String, String> modifiedOnConsumers = new java.util.HashMap<>();
        for (String consumer : CONSUMERS) {
            modifiedOnConsumers.put(consumer, awaitDocument(consumer, "Item", code, doc -> true).path("modified").asText());
        }

        // more poll cycles and a full sync re-read the document: its content is unchanged, so nothing is written
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON).body(Map.of("doctype", "Item"))
                .when().post(world.workerUrl(StackSites.CENTRAL) + "/ops/v1/full-sync").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("central",
                "select count(*) from checkpoint where doctype = 'Item' and capture = 'full' and complete") == 1);

        // whatever a capture would send is in the outbox before its checkpoint moves on: one envelope per consumer
        for (String consumer : CONSUMERS) {
            assertThat(count("central", "select count(*) from outbox where consumer = '" + consumer
                    + "' and envelope ->> 'sourceName' = '" + code + "'")).as("envelopes to " + consumer).isEqualTo(1);
            assertThat(document(consumer, "Item", code).orElseThrow().path("modified").asText())
                    .isEqualTo(modifiedOnConsumers.get(consumer));
            assertThat(appliedCount(consumer, code)).as("writes of %s on %s", code, consumer).isEqualTo(1);
        }
        assertThat(count("central", "select count(*) from inbound_event where name = '" + code + "' and body_sha256 = '"
                + "a".repeat(64) + "'")).as("the five hints are one event").isEqualTo(1);
    }

    @Test
    void documentsSharingOneModifiedValueAcrossPageBoundariesAreAllCaptured() throws Exception {
        String prefix = "TIE-" + unique() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < TIED; i++) {
            codes.add(prefix + String.format("%03d", i));
        }
        Multi.createFrom().iterable(codes)
                .onItem().transformToUni(code -> world.site("central").insert("Item", item(code, "Tie")))
                .merge(8).collect().asList().await().atMost(PATIENCE);
        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(3)).until(() -> countItems(consumer, prefix) >= TIED);
        }

        // a bulk update that bypasses webhooks and gives them all one modified value: only keyset polling sees it. The
        // value is just after the site's newest document, as the site's own clock would give: a value in the future
        // would move the checkpoint past every change made until that time.
        try (Connection sim = world.sql("frappe_sim"); Statement statement = sim.createStatement()) {
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
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> world.site(consumer)
                    .count("Item", List.of(Filter.like("item_code", prefix + "%"), Filter.eq("description", "bulk")))
                    .await().atMost(PATIENCE) == TIED);
        }
    }

    @Test
    void envelopesDeliveredOutOfOrderLeaveTheConsumerAtTheNewestVersion() {
        String code = "SKU-" + unique();
        String externalId = given().auth().oauth2(world.token(RunningStack.workerClient(StackSites.CENTRAL)))
                .contentType(ContentType.JSON)
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
    void aSalesOrderRegistersAReferenceAndWritesNothingToConsumersWhileAGlEntryIsRefusedAndLogged() {
        String customer = "Customer " + unique();
        insert("central", "Customer", object().put("customer_name", customer).put("customer_type", "Company")
                .put("customer_group", "All Customer Groups").put("territory", "All Territories"));
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Order item"));
        String company = world.site("central").list(ListQuery.of("Company").fields("name").limit(0, 1))
                .await().atMost(PATIENCE).get(0).path("name").asText();
        ObjectNode order = object().put("customer", customer).put("company", company)
                .put("transaction_date", "2026-11-20").put("delivery_date", "2026-11-30");
        order.putArray("items").addObject().put("item_code", code).put("qty", 2).put("rate", 50)
                .put("delivery_date", "2026-11-30");
        String orderName = insert("central", "Sales Order", order).path("name").asText();

        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from sync_log where status = 'REFERENCED' "
                + "and doctype = 'Sales Order' and local_name = '" + orderName + "'") >= 1);
        String externalId = given().auth().oauth2(world.token(RunningStack.SRE)).queryParam("site", "central")
                .queryParam("doctype", "Sales Order").queryParam("name", orderName)
                .when().get(identityUrl() + "/api/v1/identities").then().statusCode(200).extract().path("externalId");
        given().auth().oauth2(world.token(RunningStack.AUDITOR)).when().get(identityUrl() + "/api/v1/references/" + externalId)
                .then().statusCode(200);
        for (String consumer : CONSUMERS) {
            assertThat(document(consumer, "Sales Order", orderName)).isEmpty();
        }

        given().auth().oauth2(world.token(RunningStack.GATEWAY)).contentType(ContentType.JSON)
                .body(Map.of("site", "central", "doctype", "GL Entry", "name", "ACC-GLE-2026-00001", "modified",
                        "2026-11-20 10:00:00", "bodySha256", "b".repeat(64)))
                .when().post(world.workerUrl(StackSites.CENTRAL) + "/internal/v1/events").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from sync_log where status = 'REFUSED' "
                + "and doctype = 'GL Entry' and detail like 'NEVER_SYNC%'") == 1);
    }

    @Test
    void aDeleteOnTheOwnerDisablesTheConsumersCopy() {
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Short-lived"));
        for (String consumer : CONSUMERS) {
            awaitDocument(consumer, "Item", code, doc -> true);
        }

        world.site("central").delete("Item", code).await().atMost(PATIENCE);

        for (String consumer : CONSUMERS) {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> document(consumer, "Item", code).map(doc -> doc.path("disabled").asInt() == 1).orElse(false));
        }
    }

    @Test
    void aChangeMadeOnANonOwnerSiteIsRecordedAsAnOwnershipViolationAndNotSent() throws Exception {
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Owned by central"));
        awaitDocument("north", "Item", code, doc -> true);
        awaitDocument("south", "Item", code, doc -> true);

        update("north", "Item", code, object().put("item_name", "Edited in north"));

        await().atMost(PATIENCE).until(() -> count("north", "select count(*) from sync_log where status = "
                + "'OWNERSHIP_VIOLATION' and doctype = 'Item' and local_name = '" + code + "'") >= 1);
        // refused in the same step that would have queued it: north queued nothing, so nothing can reach anyone
        assertThat(count("north", "select count(*) from outbox where envelope ->> 'sourceName' = '" + code + "'")).isZero();
        assertThat(document("central", "Item", code).orElseThrow().path("item_name").asText()).isEqualTo("Owned by central");
        assertThat(document("south", "Item", code).orElseThrow().path("item_name").asText()).isEqualTo("Owned by central");

        // the same edit read again (three more webhook hints) is not recorded or warned about again
        String modified = document("north", "Item", code).orElseThrow().path("modified").asText();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(world.token(RunningStack.GATEWAY)).contentType(ContentType.JSON)
                    .body(Map.of("site", "north", "doctype", "Item", "name", code, "modified", modified,
                            "bodySha256", String.valueOf(i).repeat(64), "docEvent", "on_update"))
                    .when().post(world.workerUrl(StackSites.NORTH) + "/internal/v1/events").then().statusCode(202);
        }
        await().atMost(PATIENCE).until(() -> count("north", "select count(*) from inbound_event where name = '" + code
                + "' and handled_at is null") == 0 && count("north",
                        "select count(*) from inbound_event where name = '"
                                + code + "'") >= 3);
        assertThat(count("north", "select count(*) from sync_log where status = 'OWNERSHIP_VIOLATION' and local_name = '"
                + code + "'")).isEqualTo(1);
        assertThat(java.nio.file.Files.readAllLines(world.stack.worker(StackSites.NORTH).log()).stream()
                .filter(line -> line.contains("WARN") && line.contains("OWNERSHIP_VIOLATION Item '" + code + "'")))
                .hasSize(1);
    }

    @Test
    void twoWorkerProcessesForOneSiteOnOneDatabaseNeverApplyADocumentTwice() throws SQLException {
        ManagedService replica = world.stack.startReplica(StackSites.NORTH);
        try {
            applyOnceWithTwoReplicas();
        } finally {
            replica.close();
        }
    }

    private void applyOnceWithTwoReplicas() throws SQLException {
        String prefix = "PAIR-" + unique() + "-";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            codes.add(prefix + String.format("%03d", i));
        }
        Multi.createFrom().iterable(codes)
                .onItem().transformToUni(code -> world.site("central").insert("Item", item(code, "Pair")))
                .merge(8).collect().asList().await().atMost(PATIENCE);

        await().atMost(Duration.ofMinutes(3)).until(() -> countItems("north", prefix) >= 40);
        assertThat(countItems("north", prefix)).isEqualTo(40);
        assertThat(count("north", """
                select count(*) from (select external_id from sync_log where status = 'APPLIED' and local_name like '%s%%'
                group by external_id having count(*) > 1) twice""".formatted(prefix))).isZero();
    }

    @Test
    void theAuditChainVerifiesAndAfterASuperuserAltersARowVerifyNamesIt() throws Exception {
        String north = world.workerUrl(StackSites.NORTH);
        given().auth().oauth2(world.token(RunningStack.AUDITOR)).when().get(north + "/ops/v1/audit/verify")
                .then().statusCode(200).body("firstBrokenId", org.hamcrest.Matchers.nullValue());
        long tampered = count("north", "select min(id) + 3 from sync_log");
        String original = rewrite(tampered, "'rewritten'");
        try {
            given().auth().oauth2(world.token(RunningStack.AUDITOR)).when().get(north + "/ops/v1/audit/verify")
                    .then().statusCode(200).body("firstBrokenId", org.hamcrest.Matchers.equalTo((int) tampered));
        } finally {
            // the stack is shared: the row gets its own value back, and the chain verifies again
            rewrite(tampered, original == null ? "null" : "'" + original.replace("'", "''") + "'");
        }
        given().auth().oauth2(world.token(RunningStack.AUDITOR)).when().get(north + "/ops/v1/audit/verify")
                .then().statusCode(200).body("firstBrokenId", org.hamcrest.Matchers.nullValue());
    }

    /** Sets a sync_log row's detail as a database superuser can, past the append-only trigger; returns the old one. */
    private static String rewrite(long id, String detailLiteral) throws SQLException {
        try (Connection north = world.sql(Stack.workerDatabase(StackSites.NORTH));
                Statement statement = north.createStatement()) {
            String before;
            try (ResultSet row = statement.executeQuery("select detail from sync_log where id = " + id)) {
                row.next();
                before = row.getString(1);
            }
            statement.execute("alter table sync_log disable trigger sync_log_append_only");
            statement.executeUpdate("update sync_log set detail = " + detailLiteral + " where id = " + id);
            statement.execute("alter table sync_log enable trigger sync_log_append_only");
            return before;
        }
    }

    @Test
    void anEnvelopeTheSiteRefusesBecomesADeadLetterThatOperatorsSeeDiscardAndRetryWithReasonsInTheLog() throws Exception {
        String south = world.workerUrl(StackSites.SOUTH);
        String uom = "Crate " + unique();
        String discarded = "SKU-" + unique();
        String retried = "SKU-" + unique();
        // south refuses both (their stock UOM does not exist there): validation errors, to be fixed at the source
        for (String code : List.of(discarded, retried)) {
            Map<String, Object> envelope = new java.util.HashMap<>(envelope(externalId(code), code,
                    "2030-01-01 00:00:01", "Crated", "south"));
            envelope.put("payload", Map.of("item_code", code, "item_name", "Crated", "item_group", "All Item Groups",
                    "stock_uom", uom, "is_stock_item", 1));
            deliver("south", envelope);
        }
        List<Map<String, Object>> dead = await().atMost(PATIENCE)
                .until(() -> given().auth().oauth2(world.token(RunningStack.AUDITOR))
                        .queryParam("doctype", "Item").when().get(south + "/ops/v1/dead-letters").then().statusCode(200)
                        .extract().<List<Map<String, Object>>>path("items").stream()
                        .filter(item -> List.of(discarded, retried).contains(item.get("sourceName"))).toList(),
                        found -> found.size() == 2);
        assertThat(dead).allSatisfy(letter -> {
            assertThat(letter.get("reason")).isEqualTo("FIX_AT_SOURCE");
            assertThat(letter.get("sourceSite")).isEqualTo("central");
            assertThat((String) letter.get("detail")).contains("refused by south");
        });
        long discardedId = idOf(dead, discarded);
        long retriedId = idOf(dead, retried);

        // the status view counts them; the metrics count the outcome
        given().auth().oauth2(world.token(RunningStack.SRE)).when().get(south + "/ops/v1/status").then().statusCode(200)
                .body("site", org.hamcrest.Matchers.equalTo("south"))
                .body("doctypes.find { it.doctype == 'Item' }.deadLetters", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("doctypes.find { it.doctype == 'Item' }.applied", org.hamcrest.Matchers.greaterThan(0))
                .body("doctypes.find { it.doctype == 'Item' }.keySet()", org.hamcrest.Matchers.containsInAnyOrder(
                        "doctype", "applied", "pending", "conflicts", "deadLetters", "lagSeconds"));
        assertThat(metric(south, "sitesync_worker_envelopes_total{doctype=\"Item\",outcome=\"dead_letter\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metric(south, "sitesync_worker_apply_latency_seconds_count{doctype=\"Item\",peer=\"central\"}"))
                .isPositive();
        await().atMost(PATIENCE).until(() -> metric(south, "sitesync_worker_dead_letters_open{doctype=\"Item\"}") >= 2);

        // refusals: no reason, a blank reason, a role that may only look, an unknown ID
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON)
                .when().post(south + "/ops/v1/dead-letters/" + discardedId + "/discard")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/invalid-request"));
        operatorAction(south, "/ops/v1/dead-letters/" + discardedId + "/discard", RunningStack.ADMIN, " ").statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/invalid-request"));
        operatorAction(south, "/ops/v1/dead-letters/" + discardedId + "/discard", RunningStack.SRE, "not mine").statusCode(403);
        operatorAction(south, "/ops/v1/dead-letters/987654321/retry", RunningStack.ADMIN, "typo").statusCode(404)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/not-found"));

        // discard: recorded once with who and why; acting on it again is a conflict
        operatorAction(south, "/ops/v1/dead-letters/" + discardedId + "/discard", RunningStack.ADMIN,
                "test data, not a real item")
                .statusCode(200).body("resolution", org.hamcrest.Matchers.equalTo("DISCARDED"))
                .body("resolvedBy", org.hamcrest.Matchers.equalTo(OPERATOR));
        for (String action : List.of("discard", "retry")) {
            operatorAction(south, "/ops/v1/dead-letters/" + discardedId + "/" + action, RunningStack.ADMIN, "again")
                    .statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/dead-letter-resolved"));
        }
        assertThat(count("south", "select count(*) from sync_log where status = 'DEAD_LETTER_DISCARDED' and detail = "
                + "'dead letter " + discardedId + " by " + OPERATOR + ": test data, not a real item'")).isEqualTo(1);

        // fixed at the source (the UOM is created on its owner and reaches south), then retried: the item applies
        insert("central", "UOM", object().put("uom_name", uom));
        awaitDocument("south", "UOM", uom, doc -> true);
        operatorAction(south, "/ops/v1/dead-letters/" + retriedId + "/retry", RunningStack.ADMIN, "UOM now synchronized")
                .statusCode(200).body("resolution", org.hamcrest.Matchers.equalTo("RETRIED"));
        assertThat(awaitDocument("south", "Item", retried, doc -> true).path("stock_uom").asText()).isEqualTo(uom);
        assertThat(document("south", "Item", discarded)).isEmpty();
        assertThat(count("south", "select count(*) from sync_log where status = 'DEAD_LETTER_RETRIED' and detail = "
                + "'dead letter " + retriedId + " by " + OPERATOR + ": UOM now synchronized'")).isEqualTo(1);
        given().auth().oauth2(world.token(RunningStack.AUDITOR)).queryParam("doctype", "Item").when()
                .get(south + "/ops/v1/dead-letters").then().statusCode(200)
                .body("items.id",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems((int) discardedId, (int) retriedId)));
    }

    @Test
    void operatorsDecideDeadLettersAndParkedDeliveriesByFilterEachRecordedOnce() throws Exception {
        String south = world.workerUrl(StackSites.SOUTH);
        String central = world.workerUrl(StackSites.CENTRAL);
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now().minusSeconds(1);
        String uom = "Bulk crate " + unique();
        List<String> codes = List.of("BULK-" + unique(), "BULK-" + unique(), "BULK-" + unique());
        for (String code : codes) {
            Map<String, Object> envelope = new java.util.HashMap<>(envelope(externalId(code), code,
                    "2030-01-01 00:00:01", "Crated", "south"));
            envelope.put("payload", Map.of("item_code", code, "item_name", "Crated", "item_group", "All Item Groups",
                    "stock_uom", uom, "is_stock_item", 1));
            deliver("south", envelope);
        }
        await().atMost(PATIENCE).until(() -> count("south", "select count(*) from dead_letter where resolved_at is null "
                + "and detail like '%" + uom + "%'") == 3);

        String filter = "{\"doctype\": \"Item\", \"reason\": \"FIX_AT_SOURCE\", \"from\": \"" + start + "\"}";
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON)
                .body("{\"reason\": \"everything\", \"filter\": {}}").when().post(south + "/ops/v1/dead-letters/discard")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON)
                .body("{\"reason\": \"test crates\", \"filter\": " + filter + "}")
                .when().post(south + "/ops/v1/dead-letters/discard")
                .then().statusCode(200).body("decided", org.hamcrest.Matchers.equalTo(3));
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON)
                .body("{\"reason\": \"again\", \"filter\": " + filter + "}")
                .when().post(south + "/ops/v1/dead-letters/discard")
                .then().statusCode(200).body("decided", org.hamcrest.Matchers.equalTo(0));
        assertThat(count("south", "select count(*) from sync_log where status = 'DEAD_LETTER_DISCARDED' and detail "
                + "like '% by " + OPERATOR + ": test crates'")).as("one log entry each").isEqualTo(3);

        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Parked in bulk"));
        awaitDocument("south", "Item", code, doc -> true);
        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from outbox where status = 'DELIVERED' "
                + "and consumer = 'south' and envelope ->> 'sourceName' = '" + code + "'") == 1);
        List<Long> parked = List.of(park(code), park(code));
        given().auth().oauth2(world.token(RunningStack.ADMIN)).contentType(ContentType.JSON)
                .body("{\"reason\": \"south is back\", \"filter\": {\"site\": \"south\", \"doctype\": \"Item\", "
                        + "\"from\": \"" + start + "\"}}")
                .when().post(central + "/ops/v1/parked-deliveries/retry")
                .then().statusCode(200).body("decided", org.hamcrest.Matchers.equalTo(2));
        for (long id : parked) {
            await().atMost(PATIENCE).until(() -> count("central", "select count(*) from outbox where id = " + id
                    + " and status = 'DELIVERED'") == 1);
        }
    }

    @Test
    void aParkedDeliveryIsListedRetriedUntilDeliveredOrDiscardedWithReasonsInTheLog() throws Exception {
        String central = world.workerUrl(StackSites.CENTRAL);
        String code = "SKU-" + unique();
        insert("central", "Item", item(code, "Parked"));
        awaitDocument("south", "Item", code, doc -> true);
        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from outbox where status = 'DELIVERED' "
                + "and consumer = 'south' and envelope ->> 'sourceName' = '" + code + "'") == 1);
        // the same envelope twice more, as if south's worker had been down until the attempts ran out
        long retriedId = park(code);
        long discardedId = park(code);

        List<Map<String, Object>> parked = given().auth().oauth2(world.token(RunningStack.AUDITOR)).queryParam("peer", "south")
                .queryParam("doctype", "Item").when().get(central + "/ops/v1/parked-deliveries").then().statusCode(200)
                .extract().path("items");
        assertThat(parked).extracting(p -> ((Number) p.get("id")).longValue()).contains(retriedId, discardedId);
        given().auth().oauth2(world.token(RunningStack.SRE)).when().get(central + "/ops/v1/status").then().statusCode(200)
                .body("peers.find { it.peer == 'south' && it.doctype == 'Item' }.parked",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("peers.find { it.peer == 'north' && it.doctype == 'Item' }.keySet()",
                        org.hamcrest.Matchers.containsInAnyOrder("peer", "doctype", "outboxPending", "parked", "lagSeconds"));
        await().atMost(PATIENCE).until(() -> metric(central, "sitesync_worker_outbox_parked{peer=\"south\"}") >= 2);

        operatorAction(central, "/ops/v1/parked-deliveries/" + retriedId + "/retry", RunningStack.ADMIN, "south is back")
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        await().atMost(PATIENCE).until(() -> count("central", "select count(*) from outbox where id = " + retriedId
                + " and status = 'DELIVERED'") == 1);
        operatorAction(central, "/ops/v1/parked-deliveries/" + discardedId + "/discard", RunningStack.ADMIN, "duplicate")
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("DISCARDED"));
        for (long id : List.of(retriedId, discardedId)) {
            operatorAction(central, "/ops/v1/parked-deliveries/" + id + "/retry", RunningStack.ADMIN, "again").statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/delivery-not-parked"));
        }
        operatorAction(central, "/ops/v1/parked-deliveries/987654321/discard", RunningStack.ADMIN, "typo").statusCode(404);
        assertThat(count("central", "select count(*) from sync_log where status = 'DELIVERY_RETRIED' and detail = "
                + "'delivery " + retriedId + " by " + OPERATOR + ": south is back'")).isEqualTo(1);
        assertThat(count("central", "select count(*) from sync_log where status = 'DELIVERY_DISCARDED' and detail = "
                + "'delivery " + discardedId + " by " + OPERATOR + ": duplicate'")).isEqualTo(1);
        assertThat(appliedCount("south", code)).as("the retried envelope was already applied").isEqualTo(1);
    }

    @Test
    void aBatchOfEnvelopesIsCommittedTogetherInOrderAndABatchWithOneWrongEnvelopeIsRefusedWhole() throws Exception {
        String code = "SKU-" + unique();
        String externalId = externalId(code);
        Map<String, Object> first = envelope(externalId, code, "2030-01-01 00:00:01", "Batched one");
        Map<String, Object> second = envelope(externalId, code, "2030-01-01 00:00:02", "Batched two");
        String north = world.workerUrl(StackSites.NORTH);

        List<Map<String, Object>> receipts = batch(north, List.of(first, second, first)).statusCode(202).extract()
                .jsonPath().getList("$");
        assertThat(receipts).extracting(r -> r.get("duplicate")).containsExactly(false, false, true);
        long firstId = ((Number) receipts.get(0).get("inboxId")).longValue();
        assertThat(((Number) receipts.get(1).get("inboxId")).longValue()).isGreaterThan(firstId);
        assertThat(((Number) receipts.get(2).get("inboxId")).longValue()).isEqualTo(firstId);
        awaitDocument("north", "Item", code, doc -> doc.path("item_name").asText().equals("Batched two"));

        String other = "SKU-" + unique();
        Map<String, Object> forSouth = envelope(externalId(other), other, "2030-01-01 00:00:01", "Wrong", "south");
        batch(north, List.of(envelope(externalId(other), other, "2030-01-01 00:00:01", "Right"), forSouth))
                .statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://sitesync.dev/problems/invalid-request"));
        batch(north, List.of()).statusCode(400).contentType("application/problem+json");
        assertThat(count("north", "select count(*) from inbox where envelope ->> 'sourceName' = '" + other + "'"))
                .as("nothing of a refused batch is kept").isZero();
    }

    private static io.restassured.response.ValidatableResponse batch(String worker, List<Map<String, Object>> envelopes) {
        return given().auth().oauth2(world.token(RunningStack.workerClient(StackSites.CENTRAL))).contentType(ContentType.JSON)
                .body(envelopes)
                .when().post(worker + "/internal/v1/envelope-batches").then();
    }

    /** A copy of the document's delivered outbox row for south, parked after its attempts. */
    private static long park(String code) throws SQLException {
        return count("central", """
                insert into outbox (consumer, external_id, doctype, version, content_hash, envelope, status, attempts,
                                    last_error, changed_at)
                select consumer, external_id, doctype, version, content_hash, envelope, 'PARKED', 10,
                       'Connection refused: south', changed_at
                  from outbox where consumer = 'south' and envelope ->> 'sourceName' = '%s' and status = 'DELIVERED'
                 limit 1 returning id""".formatted(code));
    }

    private static io.restassured.response.ValidatableResponse operatorAction(String worker, String path, String role,
            String reason) {
        return given().auth().oauth2(world.token(role)).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post(worker + path).then();
    }

    private static long idOf(List<Map<String, Object>> letters, String sourceName) {
        return letters.stream().filter(l -> sourceName.equals(l.get("sourceName")))
                .map(l -> ((Number) l.get("id")).longValue()).findFirst().orElseThrow();
    }

    /** A sample's value from the worker's Prometheus endpoint, 0 when absent. */
    private static double metric(String worker, String sample) {
        String text = given().when().get(worker + "/q/metrics").then().statusCode(200).extract().asString();
        // the value is the first field after the sample; an exemplar ("# {trace_id=...} ...") may follow it
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim().split("\\s+")[0]))
                .orElse(0.0);
    }

    private static String externalId(String code) {
        return given().auth().oauth2(world.token(RunningStack.workerClient(StackSites.CENTRAL))).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("site", "central", "doctype", "Item", "localName", code)),
                        "assign", true))
                .when().post(identityUrl() + "/api/v1/identities/resolve").then().statusCode(200)
                .extract().path("results[0].externalId");
    }

    private static void deliver(String site, Map<String, Object> envelope) {
        given().auth().oauth2(world.token(RunningStack.workerClient(StackSites.CENTRAL))).contentType(ContentType.JSON)
                .body(envelope)
                .when().post(world.workerUrl(site) + "/internal/v1/envelopes").then().statusCode(202);
    }

    private static Map<String, Object> envelope(String externalId, String code, String version, String itemName) {
        return envelope(externalId, code, version, itemName, "north");
    }

    private static Map<String, Object> envelope(String externalId, String code, String version, String itemName,
            String target) {
        Map<String, Object> payload = Map.of("item_code", code, "item_name", itemName, "item_group", "All Item Groups",
                "stock_uom", "Nos", "is_stock_item", 1);
        return Map.of("externalId", externalId, "doctype", "Item", "sourceSite", "central", "sourceName", code,
                "targetSite", target, "version", version, "contentHash", sha256(itemName + version),
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
        return world.site(site).insert(doctype, document).await().atMost(PATIENCE);
    }

    private static void update(String site, String doctype, String name, ObjectNode changes) {
        world.site(site).update(doctype, name, changes).await().atMost(PATIENCE);
    }

    private static Optional<ObjectNode> document(String site, String doctype, String name) {
        FrappeClient client = world.site(site);
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
        return world.site(site).count("Item", List.of(Filter.like("item_code", prefix + "%"))).await().atMost(PATIENCE);
    }

    private static long appliedCount(String site, String localName) throws SQLException {
        return count(site, "select count(*) from sync_log where status = 'APPLIED' and local_name = '" + localName + "'");
    }

    /** Whether the group's APPLIED row comes before the item's in the site's sync log. */
    private static boolean appliedOrder(String site, String group, String code) throws SQLException {
        try (Connection connection = world.sql(Stack.workerDatabase(site));
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
        return world.workerCount(site, sql);
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
