package dev.sitesync.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.guard.site.ShopSite;
import dev.sitesync.guard.store.AuditLeases;

/** Audits of the shop: each check's findings with evidence, counted again rather than repeated, listed by filter. */
@QuarkusTest
class AuditTest extends GuardApiTest {

    private static final String SHORT_ITEM = "AUDIT-OVERSOLD";
    private static final String DRIFTING_ITEM = "AUDIT-DRIFTING";

    @Inject
    Scheduler scheduler;

    @Inject
    AuditLeases leases;

    private static final String REFUNDED = "Often Refunded Customer";
    private static String amountOnlyInvoice;
    private static String backdatedOrder;
    private static String cheapOrder;

    @BeforeAll
    static void arrangeAnomalies() {
        ShopSite site = site();
        site.stockItem(SHORT_ITEM, -5, 10);
        backdatedOrder = site.insert("Sales Order", order("Guard Customer", OrderJson.today().minusDays(20), 100))
                .path("name").asText();
        cheapOrder = site.insert("Sales Order", order("Guard Customer", OrderJson.today(), 10)).path("name").asText();
        site.submit("Sales Order", cheapOrder);
        String today = OrderJson.today().toString();
        site.insert("GL Entry", gl("JV-UNBALANCED", 100, 0, today));
        site.insert("GL Entry", gl("JV-UNBALANCED", 0, 90, today));
        site.insert("GL Entry", gl("JV-BALANCED", 50, 0, today));
        site.insert("GL Entry", gl("JV-BALANCED", 0, 50, today));
        site.insert("Subscription", site.object().put("party_type", "Customer").put("party", "Guard Customer")
                .put("status", "Past Due Date").put("current_invoice_end", OrderJson.today().minusDays(90).toString()));
        ObjectNode invoice = site.object().put("customer", "Guard Customer").put("company", ShopSite.COMPANY)
                .put("posting_date", today);
        invoice.putArray("items").addObject().put("item_code", ShopSite.MUG).put("qty", 1).put("rate", 40)
                .put("price_list_rate", 100).put("discount_percentage", 60.0);
        site.submit("Sales Invoice", site.insert("Sales Invoice", invoice).path("name").asText());
        ObjectNode backdatedPayment = site.object().put("payment_type", "Receive").put("company", ShopSite.COMPANY)
                .put("posting_date", OrderJson.today().minusDays(40).toString()).put("party_type", "Customer")
                .put("party", "Guard Customer").put("paid_amount", 10).put("received_amount", 10)
                .put("reference_no", "BACKDATED").put("reference_date", today);
        site.submit("Payment Entry", site.insert("Payment Entry", backdatedPayment).path("name").asText());
        site.insert("Customer", site.object().put("customer_name", REFUNDED).put("customer_group", "Commercial")
                .put("territory", ShopSite.TERRITORY));
        for (int i = 0; i < 3; i++) {
            ObjectNode credit = site.object().put("customer", REFUNDED).put("company", ShopSite.COMPANY)
                    .put("posting_date", today).put("is_return", 1);
            credit.putArray("items").addObject().put("item_code", ShopSite.MUG).put("qty", -1).put("rate", 40);
            site.submit("Sales Invoice", site.insert("Sales Invoice", credit).path("name").asText());
        }
        ObjectNode amountOnly = site.object().put("customer", "Guard Customer").put("company", ShopSite.COMPANY)
                .put("posting_date", today).put("discount_amount", 60);
        amountOnly.putArray("items").addObject().put("item_code", ShopSite.MUG).put("qty", 1).put("rate", 100);
        amountOnlyInvoice = site.insert("Sales Invoice", amountOnly).path("name").asText();
        site.submit("Sales Invoice", amountOnlyInvoice);
    }

    @Test
    void anAuditReportsEveryCheckAndWhatItFound() {
        JsonPath report = audit();

        assertThat(report.getList("checks.status", String.class)).containsOnly("ok");
        assertThat(findings(report, "negative-stock", "Bin")).isPositive();
        assertThat(findings(report, "backdated-entry", "Sales Order")).isPositive();
        assertThat(findings(report, "backdated-entry", "Payment Entry")).isPositive();
        assertThat(findings(report, "negative-margin", "Sales Order")).isPositive();
        assertThat(findings(report, "unbalanced-gl-voucher", "GL Entry")).isEqualTo(1);
        assertThat(findings(report, "stale-past-due-subscription", "Subscription")).isEqualTo(1);
        assertThat(findings(report, "high-discount-invoice", "Sales Invoice")).isEqualTo(2);
        assertThat(findings(report, "return-without-origin", "Sales Invoice")).isEqualTo(3);
        assertThat(findings(report, "repeated-refunds", "Sales Invoice")).isEqualTo(1);
    }

    @Test
    void aDiscountGivenOnlyAsAnAmountIsMeasuredAsAShare() {
        audit();

        as("auditor-1", "auditor").queryParam("rule", "high-discount-invoice").when().get("/api/v1/findings").then()
                .body("items.find { it.subject == 'Sales Invoice " + amountOnlyInvoice + "' }.evidence.given_as",
                        equalTo("additional discount amount"))
                .body("items.find { it.subject == 'Sales Invoice " + amountOnlyInvoice + "' }.evidence.discount_percent",
                        equalTo(60.0f));
    }

    @Test
    void aCustomerRefundedAgainAndAgainIsFound() {
        audit();

        as("auditor-1", "auditor").queryParam("rule", "repeated-refunds").when().get("/api/v1/findings").then()
                .body("items.subject", hasItem("Customer " + REFUNDED))
                .body("items.find { it.subject == 'Customer " + REFUNDED + "' }.evidence.refunds", equalTo(3));
    }

    @Test
    void oneRunAuditsASiteAtATimeAndEachSlotOnce() {
        OffsetDateTime slot = OffsetDateTime.of(2026, 11, 23, 2, 30, 0, 0, ZoneOffset.UTC);
        String site = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = UUID.randomUUID();

        boolean firstTakes = take(site, first, slot);
        boolean secondWhileFirstRuns = take(site, UUID.randomUUID(), slot);
        boolean requestWhileFirstRuns = take(site, UUID.randomUUID(), null);
        leases.release(site, first).await().atMost(Duration.ofSeconds(10));
        boolean sameSlotAfterwards = take(site, UUID.randomUUID(), slot);
        boolean nextSlot = take(site, UUID.randomUUID(), slot.plusDays(1));

        assertThat(firstTakes).isTrue();
        assertThat(secondWhileFirstRuns).as("another replica firing for the same slot").isFalse();
        assertThat(requestWhileFirstRuns).as("an audit on request while one runs").isFalse();
        assertThat(sameSlotAfterwards).as("a replica firing late for a slot already audited").isFalse();
        assertThat(nextSlot).isTrue();
    }

    @Test
    void findingsCarryTheirEvidence() {
        audit();

        as("auditor-1", "auditor").queryParam("site", "shop").queryParam("rule", "negative-stock").when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("items.subject", hasItem("Bin " + SHORT_ITEM + " @ " + ShopSite.STORES))
                .body("items.find { it.subject.contains('" + SHORT_ITEM + "') }.evidence.actual_qty", equalTo(-5.0f));
        as("auditor-1", "auditor").queryParam("rule", "backdated-entry").when().get("/api/v1/findings").then()
                .body("items.subject", hasItem("Sales Order " + backdatedOrder));
        as("auditor-1", "auditor").queryParam("rule", "negative-margin").when().get("/api/v1/findings").then()
                .body("items.evidence.sales_order", hasItem(cheapOrder));
        as("auditor-1", "auditor").queryParam("rule", "unbalanced-gl-voucher").when().get("/api/v1/findings").then()
                .body("items[0].evidence.difference", equalTo(10.0f)).body("items[0].severity", equalTo("BLOCK"));
    }

    @Test
    void aFindingSeenAgainIsCountedNotRepeated() {
        audit();
        JsonPath again = audit();

        assertThat(again.getInt("checks.find { it.rule == 'stale-past-due-subscription' }.newFindings")).isZero();
        as("sre-1", "sre").queryParam("rule", "stale-past-due-subscription").when().get("/api/v1/findings").then()
                .body("items", hasSize(1)).body("items[0].timesSeen", greaterThanOrEqualTo(2));
    }

    @Test
    void findingsArePagedNewestFirst() {
        audit();

        JsonPath first = as("sre-1", "sre").queryParam("limit", 2).when().get("/api/v1/findings").then()
                .statusCode(200).body("items", hasSize(2)).body("next", notNullValue()).extract().jsonPath();
        long next = first.getLong("next");
        List<Long> second = as("sre-1", "sre").queryParam("limit", 2).queryParam("before", next).when()
                .get("/api/v1/findings").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);

        assertThat(first.getList("items.id", Long.class)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(second).allMatch(id -> id < next);
    }

    @Test
    void aCheckTheSiteDoesNotExposeIsSkippedAndTheOthersRun() {
        site().guardRoles(List.of("Sales User"));
        try {
            JsonPath report = audit();

            assertThat(report.getString("checks.find { it.rule == 'stale-past-due-subscription' }.status"))
                    .isEqualTo("skipped");
            assertThat(report.getString("checks.find { it.rule == 'negative-stock' }.status")).isEqualTo("ok");
        } finally {
            site().guardRoles(ShopSite.GUARD_ROLES);
        }
    }

    @Test
    void anAuditReadsEveryRowOfItsWindowPageByPage() {
        for (int i = 0; i < 12; i++) {
            site().stockItem("AUDIT-PAGED-" + i, -1, 10);
        }

        JsonPath report = audit();

        assertThat(findings(report, "negative-stock", "Bin")).isGreaterThanOrEqualTo(13);
        assertThat(report.getBoolean("checks.find { it.rule == 'negative-stock' }.truncated")).isFalse();
    }

    @Test
    void aFindingKeepsItsFirstEvidenceWhenItIsSeenAgain() {
        site().stockItem(DRIFTING_ITEM, -5, 10);
        audit();
        String bin = site().list("Bin", Filter.eq("item_code", DRIFTING_ITEM)).get(0).path("name").asText();
        site().update("Bin", bin, site().object().put("actual_qty", -7));

        audit();

        var finding = as("auditor-1", "auditor").queryParam("rule", "negative-stock").queryParam("limit", 500).when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("items.find { it.subject.contains('" + DRIFTING_ITEM + "') }.evidence.actual_qty",
                        equalTo(-5.0f))
                .body("items.find { it.subject.contains('" + DRIFTING_ITEM + "') }.lastEvidence.actual_qty",
                        equalTo(-7.0f))
                .extract().jsonPath();
        long id = finding.getLong("items.find { it.subject.contains('" + DRIFTING_ITEM + "') }.id");

        as("auditor-1", "auditor").when().get("/api/v1/findings/" + id + "/sightings").then().statusCode(200)
                .body("evidence.actual_qty", contains(-7.0f, -5.0f));
    }

    @Test
    void eachSiteIsAuditedOnItsOwnCron() {
        Trigger job = scheduler.getScheduledJob("audit-shop");

        assertThat(job).isNotNull();
        assertThat(job.getNextFireTime().atZone(ZoneOffset.UTC).getHour()).isEqualTo(3);
    }

    @Test
    void aBadFilterIsABadRequest() {
        as("sre-1", "sre").queryParam("since", "last tuesday").when().get("/api/v1/findings").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations.field", hasItem("since"));
        as("sre-1", "sre").queryParam("limit", 0).when().get("/api/v1/findings").then().statusCode(400);
    }

    @Test
    void anAuditOfAnUnknownSiteIsRefused() {
        as("admin", "sync-admin").when().post("/api/v1/audits/elsewhere").then().statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    private boolean take(String site, UUID run, OffsetDateTime slot) {
        return leases.take(site, run, Duration.ofMinutes(10), slot).await().atMost(Duration.ofSeconds(10));
    }

    private static JsonPath audit() {
        return as("admin", "sync-admin").when().post("/api/v1/audits/shop").then().statusCode(200)
                .body("site", equalTo("shop")).extract().jsonPath();
    }

    private static int findings(JsonPath report, String rule, String doctype) {
        return report.getInt("checks.find { it.rule == '%s' && it.doctype == '%s' }.findings".formatted(rule, doctype));
    }

    private static ObjectNode order(String customer, LocalDate date, double rate) {
        ObjectNode order = site().object().put("customer", customer).put("company", ShopSite.COMPANY)
                .put("transaction_date", date.toString()).put("delivery_date", date.plusDays(5).toString());
        order.putArray("items").addObject().put("item_code", ShopSite.MUG).put("qty", 1).put("rate", rate)
                .put("warehouse", ShopSite.STORES);
        return order;
    }

    private static ObjectNode gl(String voucher, double debit, double credit, String date) {
        return site().object().put("voucher_type", "Journal Entry").put("voucher_no", voucher)
                .put("debit", debit).put("credit", credit).put("is_cancelled", 0).put("posting_date", date);
    }
}
