package dev.sitesync.frappe.sim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.CustomFieldSpec;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.frappe.client.KeysetCursor;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.frappe.client.WebhookSpec;
import dev.sitesync.frappe.sim.WebhookReceiver;

/**
 * Frappe's behaviour as SiteSync relies on it, stated once and run through frappe-client against every
 * implementation: frappe-sim always, a real ERPNext site when one is configured. Every test makes its own documents
 * under a unique prefix, so the suite runs on a site that has other data.
 */
public abstract class FrappeContract {

    protected static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A client logged in as a System Manager (Administrator). */
    protected abstract FrappeClient admin();

    /** A client whose user may work on masters only (no User, Webhook or Custom Field); null if none is configured. */
    protected abstract FrappeClient scoped();

    /** The site's masters the suite links to. */
    protected abstract SiteMasters masters();

    /** The site with other credentials. */
    protected abstract FrappeSite site();

    protected record SiteMasters(String itemGroup, String uom, String otherUom, String company, String warehouse,
            String customer, String taxAccount) {
    }

    protected static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    protected static FrappeException failure(Callable<?> call) {
        return catchThrowableOfType(FrappeException.class, call::call);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    protected ObjectNode item(String code) {
        return JSON.objectNode().put("item_code", code).put("item_name", "Contract " + code)
                .put("item_group", masters().itemGroup()).put("stock_uom", masters().uom()).put("is_stock_item", 1);
    }

    protected ObjectNode insertItem(String code) {
        return await(admin().insert("Item", item(code)));
    }

    private ListQuery itemsLike(String prefix) {
        return ListQuery.of("Item").where(Filter.like("item_code", prefix + "%"));
    }

    private List<String> codes(List<ObjectNode> rows) {
        return rows.stream().map(row -> row.get("name").asText()).toList();
    }

    @Test
    void anInsertAnswersTheStoredDocumentNamedByItemCodeWithStandardFields() {
        String code = unique("CT-INS");

        ObjectNode item = insertItem(code);

        assertThat(item.get("name").asText()).isEqualTo(code);
        assertThat(item.get("doctype").asText()).isEqualTo("Item");
        assertThat(item.get("docstatus").asInt()).isZero();
        assertThat(item.get("modified").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
        assertThat(item.get("owner").asText()).isEqualTo("Administrator");
    }

    @Test
    void aReadOmitsNullFieldsButAListReturnsThemAsNull() {
        String code = unique("CT-NULL");
        insertItem(code);

        ObjectNode read = await(admin().get("Item", code));
        List<ObjectNode> listed = await(admin().list(ListQuery.of("Item").fields("name", "brand")
                .where(Filter.eq("name", code))));

        assertThat(read.has("brand")).isFalse();
        assertThat(read.get("disabled").asInt()).isZero();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("brand").isNull()).isTrue();
    }

    @Test
    void filtersSupportFrappesOperators() {
        String prefix = unique("CT-OP");
        for (int days = 1; days <= 3; days++) {
            await(admin().insert("Item", item(prefix + "-" + days).put("shelf_life_in_days", days * 10)
                    .put("description", days == 2 ? "special" : "plain")));
        }
        ListQuery base = ListQuery.of("Item").where(Filter.like("item_code", prefix + "%")).orderBy("name asc");

        assertThat(codes(await(admin().list(base.where(Filter.eq("shelf_life_in_days", 20))))))
                .containsExactly(prefix + "-2");
        assertThat(codes(await(admin().list(base.where(Filter.ne("shelf_life_in_days", 20))))))
                .containsExactly(prefix + "-1", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.gt("shelf_life_in_days", 10))))))
                .containsExactly(prefix + "-2", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.le("shelf_life_in_days", 20))))))
                .containsExactly(prefix + "-1", prefix + "-2");
        assertThat(codes(await(admin().list(base.where(Filter.in("name", List.of(prefix + "-1", prefix + "-3")))))))
                .containsExactly(prefix + "-1", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.notIn("name", List.of(prefix + "-1")))))))
                .containsExactly(prefix + "-2", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.between("shelf_life_in_days", 15, 35))))))
                .containsExactly(prefix + "-2", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.like("description", "%SPEC%"))))))
                .containsExactly(prefix + "-2");
        assertThat(codes(await(admin().list(base.where(Filter.notLike("description", "special"))))))
                .containsExactly(prefix + "-1", prefix + "-3");
        assertThat(codes(await(admin().list(base.where(Filter.isNotSet("brand")))))).hasSize(3);
        assertThat(codes(await(admin().list(base.where(Filter.isSet("brand")))))).isEmpty();
    }

    @Test
    void orFiltersNeedOnlyOneAlternativeButAllFilters() {
        String prefix = unique("CT-OR");
        for (int days = 1; days <= 3; days++) {
            await(admin().insert("Item", item(prefix + "-" + days).put("shelf_life_in_days", days)));
        }

        List<ObjectNode> rows = await(admin().list(ListQuery.of("Item")
                .where(Filter.like("item_code", prefix + "%"))
                .whereAny(Filter.eq("shelf_life_in_days", 1), Filter.eq("shelf_life_in_days", 3)).orderBy("name asc")));

        assertThat(codes(rows)).containsExactly(prefix + "-1", prefix + "-3");
    }

    @Test
    void aListWithoutLimitReturnsTwentyRowsAndZeroMeansAll() {
        String prefix = unique("CT-PAGE");
        for (int i = 1; i <= 22; i++) {
            insertItem(String.format("%s-%02d", prefix, i));
        }

        List<ObjectNode> defaultPage = await(admin().list(ListQuery.of("Item").where(
                Filter.like("item_code", prefix + "%"))));
        List<ObjectNode> all = await(admin().list(ListQuery.of("Item").where(Filter.like("item_code", prefix + "%"))
                .unlimited()));
        List<ObjectNode> third = await(admin().list(ListQuery.of("Item").where(Filter.like("item_code", prefix + "%"))
                .orderBy("name asc").limit(2, 2)));

        assertThat(defaultPage).hasSize(20);
        assertThat(defaultPage.get(0).fieldNames()).toIterable().containsExactly("name");
        assertThat(all).hasSize(22);
        assertThat(codes(third)).containsExactly(prefix + "-03", prefix + "-04");
    }

    @Test
    void theDefaultOrderIsModifiedDescending() {
        String prefix = unique("CT-ORD");
        insertItem(prefix + "-A");
        insertItem(prefix + "-B");

        List<ObjectNode> rows = await(admin().list(ListQuery.of("Item").where(Filter.like("item_code", prefix + "%"))));

        assertThat(codes(rows)).containsExactly(prefix + "-B", prefix + "-A");
    }

    @Test
    void aKeysetStreamReadsEveryRowOnceInModifiedOrder() {
        String prefix = unique("CT-KEY");
        for (int i = 1; i <= 7; i++) {
            insertItem(prefix + "-" + i);
        }
        await(admin().update("Item", prefix + "-1", JSON.objectNode().put("item_name", "touched")));

        List<String> names = await(admin().stream(ListQuery.of("Item").where(Filter.like("item_code", prefix + "%")),
                null, 3).map(row -> row.get("name").asText()).collect().asList());

        assertThat(names).containsExactly(prefix + "-2", prefix + "-3", prefix + "-4", prefix + "-5", prefix + "-6",
                prefix + "-7", prefix + "-1");
    }

    @Test
    void aKeysetPageAfterTheLastRowIsEmptyAndComplete() {
        String code = unique("CT-KEYEND");
        ObjectNode item = insertItem(code);

        var page = await(admin().listAfter(ListQuery.of("Item").where(Filter.eq("name", code)),
                KeysetCursor.of(item), 5));

        assertThat(page.rows()).isEmpty();
        assertThat(page.complete()).isTrue();
    }

    @Test
    void aMissingDocumentIsA404DoesNotExistError() {
        FrappeException e = failure(() -> await(admin().get("Item", unique("CT-MISSING"))));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.NOT_FOUND);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.excType()).contains("DoesNotExistError");
        assertThat(e.serverMessages()).isNotEmpty();
    }

    @Test
    void aWrongSecretIsA401() {
        try (FrappeClient wrong = FrappeClient.create(vertx(), withSecret(site(), "wrong-secret"))) {
            FrappeException e = failure(() -> await(wrong.loggedUser()));

            assertThat(e.kind()).isEqualTo(FrappeErrorKind.AUTHENTICATION);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.excType()).contains("AuthenticationError");
        }
    }

    protected abstract io.vertx.mutiny.core.Vertx vertx();

    /** Whether the site can reach a receiver on this machine's loopback (a remote ERPNext cannot). */
    protected abstract boolean siteReachesLoopback();

    @Test
    void aWebhookSendsTheV15SerialisationSignedWithItsSecret() throws Exception {
        assumeTrue(siteReachesLoopback(), "the site cannot reach a local webhook receiver");
        String code = unique("CT-HOOK");
        try (WebhookReceiver receiver = new WebhookReceiver(vertx())) {
            await(admin().createWebhook(new WebhookSpec("Item", "after_insert", receiver.url("/hooks/" + code),
                    List.of("name", "item_name", "shelf_life_in_days"), "s3cr3t-webhook-key", Map.of())));

            await(admin().insert("Item", item(code).put("item_name", "T\u00fcte " + code).put("shelf_life_in_days",
                    30)));

            WebhookReceiver.Received received = nextFor(receiver, "/hooks/" + code);
            assertThat(received).isNotNull();
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\": \"" + code
                    + "\", \"item_name\": \"T\\u00fcte " + code + "\", \"shelf_life_in_days\": 30}");
            assertThat(WebhookSignature.verify("s3cr3t-webhook-key", received.body(),
                    received.headers().get(WebhookSignature.HEADER))).isTrue();
        }
    }

    private static WebhookReceiver.Received nextFor(WebhookReceiver receiver, String path) throws InterruptedException {
        for (WebhookReceiver.Received next = receiver.next(10); next != null; next = receiver.next(10)) {
            if (next.path().equals(path)) {
                return next;
            }
        }
        return null;
    }

    @Test
    void aScopedUserGetsA403OutsideItsDoctypes() {
        assumeTrue(scoped() != null, "no scoped user configured");

        FrappeException e = failure(() -> await(scoped().list(ListQuery.of("Webhook"))));
        String self = await(scoped().loggedUser());
        List<ObjectNode> items = await(scoped().list(ListQuery.of("Item").limit(0, 1)));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.PERMISSION);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.excType()).contains("PermissionError");
        assertThat(self).isNotEqualTo("Administrator");
        assertThat(items).isNotNull();
    }

    @Test
    void insertingAnExistingNameIsA409DuplicateEntryError() {
        String code = unique("CT-DUP");
        insertItem(code);

        FrappeException e = failure(() -> insertItem(code));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.DUPLICATE);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.excType()).contains("DuplicateEntryError");
    }

    @Test
    void aMissingMandatoryFieldIsA417MandatoryError() {
        ObjectNode noGroup = item(unique("CT-MAND"));
        noGroup.remove("item_group");

        FrappeException e = failure(() -> await(admin().insert("Item", noGroup)));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(e.status()).isEqualTo(417);
        assertThat(e.excType()).contains("MandatoryError");
    }

    @Test
    void aLinkToAMissingDocumentIsA417LinkValidationError() {
        ObjectNode badGroup = item(unique("CT-LINK")).put("item_group", unique("No Such Group"));

        FrappeException e = failure(() -> await(admin().insert("Item", badGroup)));

        assertThat(e.kind()).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(e.excType()).contains("LinkValidationError");
    }

    @Test
    void anUpdateCarryingAStaleModifiedIsATimestampMismatch() {
        String code = unique("CT-TS");
        ObjectNode inserted = insertItem(code);
        ObjectNode saved = await(admin().updateIfUnchanged("Item", code, JSON.objectNode().put("item_name", "first"),
                inserted.get("modified").asText()));

        FrappeException e = failure(() -> await(admin().updateIfUnchanged("Item", code,
                JSON.objectNode().put("item_name", "second"), inserted.get("modified").asText())));

        assertThat(saved.get("item_name").asText()).isEqualTo("first");
        assertThat(saved.get("modified").asText()).isGreaterThan(inserted.get("modified").asText());
        assertThat(e.kind()).isEqualTo(FrappeErrorKind.TIMESTAMP_MISMATCH);
        assertThat(e.status()).isEqualTo(417);
        assertThat(await(admin().get("Item", code)).get("item_name").asText()).isEqualTo("first");
    }

    @Test
    void anUpdateWithoutModifiedIsLastWriterWins() {
        String code = unique("CT-LWW");
        insertItem(code);
        await(admin().update("Item", code, JSON.objectNode().put("item_name", "one")));

        ObjectNode saved = await(admin().update("Item", code, JSON.objectNode().put("item_name", "two")));

        assertThat(saved.get("item_name").asText()).isEqualTo("two");
    }

    @Test
    void aChildTableInAnUpdateReplacesTheStoredRows() {
        String code = unique("CT-CHILD");
        ObjectNode withRows = item(code);
        withRows.putArray("uoms").add(JSON.objectNode().put("uom", masters().uom()).put("conversion_factor", 1))
                .add(JSON.objectNode().put("uom", masters().otherUom()).put("conversion_factor", 12));
        ObjectNode inserted = await(admin().insert("Item", withRows));
        JsonNode kept = inserted.get("uoms").get(0);
        ObjectNode changes = JSON.objectNode();
        changes.putArray("uoms").add(JSON.objectNode().put("name", kept.get("name").asText())
                .put("uom", masters().uom()).put("conversion_factor", 1));

        ObjectNode saved = await(admin().update("Item", code, changes));

        assertThat(inserted.get("uoms")).hasSize(2);
        assertThat(kept.get("idx").asInt()).isEqualTo(1);
        assertThat(kept.get("parent").asText()).isEqualTo(code);
        assertThat(kept.get("parentfield").asText()).isEqualTo("uoms");
        assertThat(saved.get("uoms")).hasSize(1);
        assertThat(saved.get("uoms").get(0).get("name").asText()).isEqualTo(kept.get("name").asText());
    }

    @Test
    void aDeleteAnswersOkAndLeavesADeletedDocument() {
        String code = unique("CT-DEL");
        insertItem(code);

        await(admin().delete("Item", code));

        FrappeException gone = failure(() -> await(admin().get("Item", code)));
        List<ObjectNode> deleted = await(admin().list(ListQuery.of("Deleted Document")
                .fields("name", "deleted_name", "deleted_doctype", "data").where(Filter.eq("deleted_name", code))));
        assertThat(gone.kind()).isEqualTo(FrappeErrorKind.NOT_FOUND);
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).get("deleted_doctype").asText()).isEqualTo("Item");
        assertThat(deleted.get(0).get("data").asText()).contains(code);
    }

    @Test
    void aSalesOrderIsNamedBySeriesTotalledAndMovesThroughDocstatus() {
        ObjectNode order = salesOrder();

        ObjectNode draft = await(admin().insert("Sales Order", order));
        String name = draft.get("name").asText();
        ObjectNode submitted = await(admin().submit("Sales Order", name));
        FrappeException backToDraft = failure(() -> await(admin().update("Sales Order", name,
                JSON.objectNode().put("docstatus", 0))));
        FrappeException changedAfterSubmit = failure(() -> await(admin().update("Sales Order", name,
                JSON.objectNode().put("order_type", "Maintenance"))));
        ObjectNode cancelled = await(admin().cancel("Sales Order", name));
        FrappeException editCancelled = failure(() -> await(admin().update("Sales Order", name,
                JSON.objectNode().put("po_no", "X"))));

        assertThat(name).matches("SAL-ORD-\\d{4}-\\d{5}");
        assertThat(draft.get("docstatus").asInt()).isZero();
        assertThat(draft.get("status").asText()).isEqualTo("Draft");
        assertThat(draft.get("total").asDouble()).isEqualTo(1000.0);
        assertThat(draft.get("total_taxes_and_charges").asDouble()).isEqualTo(180.0);
        assertThat(draft.get("grand_total").asDouble()).isEqualTo(1180.0);
        assertThat(submitted.get("docstatus").asInt()).isEqualTo(1);
        assertThat(submitted.get("status").asText()).isEqualTo("To Deliver and Bill");
        assertThat(backToDraft.excType()).contains("DocstatusTransitionError");
        assertThat(backToDraft.kind()).isEqualTo(FrappeErrorKind.VALIDATION);
        assertThat(changedAfterSubmit.excType()).contains("UpdateAfterSubmitError");
        assertThat(cancelled.get("docstatus").asInt()).isEqualTo(2);
        assertThat(editCancelled.kind()).isEqualTo(FrappeErrorKind.VALIDATION);
    }

    @Test
    void consecutiveSalesOrdersTakeConsecutiveSeriesNumbers() {
        String first = await(admin().insert("Sales Order", salesOrder())).get("name").asText();
        String second = await(admin().insert("Sales Order", salesOrder())).get("name").asText();

        int firstNumber = Integer.parseInt(first.substring(first.lastIndexOf('-') + 1));
        assertThat(second).isEqualTo(first.substring(0, first.lastIndexOf('-') + 1)
                + String.format("%05d", firstNumber + 1));
    }

    @Test
    void submittingASalesOrderReservesStockInTheBin() {
        String code = unique("CT-BIN");
        insertItem(code);
        ObjectNode order = salesOrder();
        ((ObjectNode) order.get("items").get(0)).put("item_code", code);
        String name = await(admin().insert("Sales Order", order)).get("name").asText();

        await(admin().submit("Sales Order", name));

        List<ObjectNode> bins = await(admin().list(ListQuery.of("Bin").fields("reserved_qty", "projected_qty")
                .where(Filter.eq("item_code", code), Filter.eq("warehouse", masters().warehouse()))));
        assertThat(bins).hasSize(1);
        assertThat(bins.get(0).get("reserved_qty").asDouble()).isEqualTo(4.0);
        assertThat(bins.get(0).get("projected_qty").asDouble()).isEqualTo(-4.0);
    }

    protected ObjectNode salesOrder() {
        assumeTrue(!masters().company().isEmpty() && !masters().warehouse().isEmpty()
                && !masters().customer().isEmpty() && !masters().taxAccount().isEmpty(),
                "no company, warehouse, customer and tax account configured for Sales Orders");
        ObjectNode order = JSON.objectNode().put("customer", masters().customer()).put("company", masters().company())
                .put("transaction_date", "2024-01-05").put("delivery_date", "2024-01-15");
        order.putArray("items").addObject().put("item_code", insertItem(unique("CT-SO")).get("name").asText())
                .put("qty", 4).put("rate", 250.0).put("warehouse", masters().warehouse());
        order.putArray("taxes").addObject().put("charge_type", "On Net Total")
                .put("account_head", masters().taxAccount()).put("description", "VAT").put("rate", 18);
        return order;
    }

    @Test
    void aCustomFieldAddsAFieldDocumentsCanCarry() {
        String fieldname = "ct_" + UUID.randomUUID().toString().substring(0, 8);
        await(admin().createCustomField(CustomFieldSpec.data("Item", fieldname, "Contract field")));
        String code = unique("CT-CF");

        await(admin().insert("Item", item(code).put(fieldname, "external-42")));

        List<ObjectNode> rows = await(admin().list(ListQuery.of("Item").fields("name", fieldname)
                .where(Filter.eq(fieldname, "external-42"))));
        ObjectNode meta = await(admin().meta("Item"));
        assertThat(await(admin().get("Item", code)).get(fieldname).asText()).isEqualTo("external-42");
        assertThat(codes(rows)).containsExactly(code);
        assertThat(meta.get("fields").findValuesAsText("fieldname")).contains("item_code", "item_group", fieldname);
    }

    /** {@code db_insert} turns the unique index's refusal into UniqueValidationError; DuplicateEntryError is for names. */
    @Test
    void aUniqueCustomFieldRefusesARepeatedValueWithA417UniqueValidationError() {
        String fieldname = "ct_" + UUID.randomUUID().toString().substring(0, 8);
        await(admin().createCustomField(new CustomFieldSpec("Item", fieldname, "Contract Ref", "Data", null, null,
                false, true)));
        String value = unique("ref");
        await(admin().insert("Item", item(unique("CT-UQ")).put(fieldname, value)));

        FrappeException e = failure(() -> await(admin().insert("Item", item(unique("CT-UQ")).put(fieldname, value))));

        assertThat(e.status()).isEqualTo(417);
        assertThat(e.excType()).contains("UniqueValidationError");
    }

    /** Only the desk form enforces read_only: a REST save stores the value ({@code api/v1.py update_doc}). */
    @Test
    void aReadOnlyCustomFieldIsStillWrittenThroughRest() {
        String fieldname = "ct_" + UUID.randomUUID().toString().substring(0, 8);
        await(admin().createCustomField(new CustomFieldSpec("Item", fieldname, "Contract Read Only", "Data", null,
                null, true, false)));
        String code = unique("CT-RO");

        await(admin().insert("Item", item(code).put(fieldname, "set-over-rest")));

        assertThat(await(admin().get("Item", code)).path(fieldname).asText()).isEqualTo("set-over-rest");
        assertThat(await(admin().meta("Item")).get("fields").findValuesAsText("fieldname")).contains(fieldname);
    }

    @Test
    void countVersionsAndLoggedUserAnswer() {
        String code = unique("CT-CNT");
        insertItem(code);

        long count = await(admin().count("Item", List.of(Filter.like("item_code", code + "%"))));
        var versions = await(admin().versions());
        String user = await(admin().loggedUser());

        assertThat(count).isEqualTo(1);
        assertThat(versions).containsKey("frappe");
        assertThat(versions.get("frappe").version()).matches("\\d+\\.\\d+.*");
        assertThat(user).isEqualTo("Administrator");
    }

    protected static FrappeSite withSecret(FrappeSite site, String secret) {
        return new FrappeSite(site.baseUrl(), site.siteName(), new ApiCredentials(site.credentials().key(), secret),
                site.timeZone(), site.connectTimeout(), site.requestTimeout(), site.maxPoolSize());
    }
}
