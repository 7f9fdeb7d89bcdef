package dev.sitesync.worker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.SyncLog;

/**
 * Auditors search and export the sync log: by external ID, site, doctype, status, time and trace, in keyset pages,
 * as CSV or JSON lines with every value escaped. Each test works on entries of a doctype of its own.
 */
@QuarkusTest
@TestProfile(AuditProfile.class)
class AuditorApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String QUOTED = "He said \"hi\", then left\nfor good";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"open\")";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    SyncLog log;

    private String doctype;
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();
    private final Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    private final List<Long> ids = new ArrayList<>();

    /** Five steps of three documents, an hour apart, with text a CSV or a spreadsheet could misread. */
    @BeforeEach
    void fiveSteps() {
        doctype = "Audit Test " + ThreadLocalRandom.current().nextInt(1_000_000);
        log.append(List.of(
                step(0, first, "central", "north", SyncStatus.APPLIED, QUOTED, null),
                step(1, first, "central", "north", SyncStatus.DEAD_LETTER, FORMULA, TRACE),
                step(2, second, "south", "central", SyncStatus.QUEUED, "-2+3", null),
                step(3, third, "central", "south", SyncStatus.APPLIED, "ünïcødé, a\ttab", null),
                step(4, third, "central", "south", SyncStatus.OWNERSHIP_VIOLATION, null, null)))
                .await().atMost(PATIENCE);
        as("auditor").queryParam("doctype", doctype).queryParam("limit", 5).when().get("/ops/v1/audit/entries").then()
                .statusCode(200).extract().<List<Integer>>path("items.id").forEach(id -> ids.add(0, id.longValue()));
        assertThat(ids).hasSize(5);
    }

    @Test
    void anExternalIdsStepsAreFoundNewestFirstWithEveryField() {
        as("auditor").queryParam("externalId", first.toString()).when().get("/ops/v1/audit/entries").then()
                .statusCode(200)
                .body("items.id", contains(ids.get(1).intValue(), ids.get(0).intValue()))
                .body("items[0].status", equalTo("DEAD_LETTER")).body("items[0].detail", equalTo(FORMULA))
                .body("items[0].traceId", equalTo(TRACE)).body("items[0].sourceSite", equalTo("central"))
                .body("items[0].targetSite", equalTo("north")).body("items[0].doctype", equalTo(doctype))
                .body("items[1].detail", equalTo(QUOTED)).body("items[1].rowHash", matchesPattern("[0-9a-f]{64}"))
                .body("items[1].partition", containsString("sync_log_y")).body("next", nullValue());
    }

    @Test
    void aSiteMatchesAsSourceOrTarget() {
        search(Map.of("site", "south")).body("items.id", contains(id(4), id(3), id(2)));
    }

    @Test
    void statusesAndTimeRangesNarrowTheSearch() {
        search(Map.of("status", "APPLIED")).body("items.id", contains(id(3), id(0)));
        search(Map.of("from", start.plus(Duration.ofHours(1)).toString(), "to", start.plus(Duration.ofHours(3))
                .toString())).body("items.id", contains(id(2), id(1)));
        as("auditor").queryParam("traceId", TRACE).queryParam("doctype", doctype).when().get("/ops/v1/audit/entries")
                .then().body("items.id", contains(id(1)));
    }

    @Test
    void pagesFollowEachOtherWithoutOverlap() {
        Integer next = as("auditor").queryParam("doctype", doctype).queryParam("limit", 2).when()
                .get("/ops/v1/audit/entries").then().statusCode(200).body("items.id", contains(id(4), id(3)))
                .body("next", equalTo(id(3))).extract().path("next");
        next = as("auditor").queryParam("doctype", doctype).queryParam("limit", 2).queryParam("before", next).when()
                .get("/ops/v1/audit/entries").then().body("items.id", contains(id(2), id(1))).extract().path("next");
        as("auditor").queryParam("doctype", doctype).queryParam("limit", 2).queryParam("before", next).when()
                .get("/ops/v1/audit/entries").then().body("items.id", contains(id(0))).body("next", nullValue());
    }

    @Test
    void aCsvExportQuotesWhatNeedsItAndDefusesFormulas() throws IOException {
        String csv = as("auditor").queryParam("doctype", doctype).when().get("/ops/v1/audit/export.csv").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"sync-log-central-after-0.csv\""))
                .extract().asString();

        List<String[]> rows = new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .<String[]>readValues(csv).readAll();
        assertThat(rows.get(0)).startsWith("id", "partition", "logged_at", "at", "external_id").endsWith("row_hash");
        assertThat(rows).hasSize(6);
        assertThat(rows.subList(1, 6)).extracting(row -> Long.parseLong(row[0])).containsExactlyElementsOf(ids);
        assertThat(rows.get(1)[13]).isEqualTo(QUOTED);
        assertThat(rows.get(2)[13]).isEqualTo("'" + FORMULA);
        assertThat(rows.get(3)[13]).isEqualTo("'-2+3");
        assertThat(rows.get(4)[13]).isEqualTo("ünïcødé, a\ttab");
        assertThat(rows.get(5)[13]).isEmpty();
        // an auditor recomputes an entry's hash from the file alone
        String[] quoted = rows.get(1);
        AuditEntry exported = new AuditEntry(OffsetDateTime.parse(quoted[3]).toInstant(), UUID.fromString(quoted[4]),
                quoted[5], quoted[6], quoted[7], quoted[8], quoted[9], quoted[10], SyncStatus.valueOf(quoted[11]),
                Integer.parseInt(quoted[12]), quoted[13], quoted[14].isEmpty() ? null : quoted[14]);
        assertThat(AuditChain.hash(quoted[15], exported)).isEqualTo(quoted[16]);
    }

    @Test
    void aJsonLinesExportCarriesEveryValueExactly() throws IOException {
        String lines = as("auditor").queryParam("doctype", doctype).when().get("/ops/v1/audit/export.jsonl").then()
                .statusCode(200).contentType(containsString("application/x-ndjson")).extract().asString();

        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines.split("\n")) {
            entries.add(new ObjectMapper().readTree(line));
        }
        assertThat(entries).extracting(entry -> entry.get("id").asLong()).containsExactlyElementsOf(ids);
        assertThat(entries).extracting(entry -> entry.get("detail").isNull() ? null : entry.get("detail").asText())
                .containsExactly(QUOTED, FORMULA, "-2+3", "ünïcødé, a\ttab", null);
        assertThat(entries.get(1).get("externalId").asText()).isEqualTo(first.toString());
        assertThat(OffsetDateTime.parse(entries.get(1).get("at").asText()).toInstant())
                .isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void anExportIsBoundedAndTheNextOneContinuesAfterTheLastEntry() {
        String firstPart = as("auditor").queryParam("doctype", doctype).queryParam("limit", 2).when()
                .get("/ops/v1/audit/export.jsonl").then().statusCode(200).extract().asString();
        String secondPart = as("auditor").queryParam("doctype", doctype).queryParam("limit", 2)
                .queryParam("after", ids.get(1)).when().get("/ops/v1/audit/export.jsonl").then().statusCode(200)
                .extract().asString();

        assertThat(firstPart.lines()).hasSize(2).allMatch(line -> line.contains("\"doctype\":\"" + doctype + "\""));
        assertThat(firstPart).contains("\"id\":" + ids.get(0)).contains("\"id\":" + ids.get(1));
        assertThat(secondPart.lines()).hasSize(2);
        assertThat(secondPart).contains("\"id\":" + ids.get(2)).contains("\"id\":" + ids.get(3));
    }

    @Test
    void anExportOfManyPagesStreamsEveryEntryOnceInOrder() throws IOException {
        String many = doctype + " many";
        List<AuditEntry> steps = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            steps.add(new AuditEntry(start, UUID.randomUUID(), "central", "north", many, "MANY-" + i, null, null,
                    SyncStatus.QUEUED, 0, "line " + i + ", with a comma"));
        }
        log.append(steps).await().atMost(PATIENCE);

        String lines = as("auditor").queryParam("doctype", many).when().get("/ops/v1/audit/export.jsonl").then()
                .statusCode(200).extract().asString();
        String csv = as("auditor").queryParam("doctype", many).when().get("/ops/v1/audit/export.csv").then()
                .statusCode(200).extract().asString();

        List<String> details = new ArrayList<>();
        for (String line : lines.split("\n")) {
            details.add(new ObjectMapper().readTree(line).get("localName").asText());
        }
        assertThat(details).hasSize(2_345).first().isEqualTo("MANY-0");
        assertThat(details).last().isEqualTo("MANY-2344");
        assertThat(details).doesNotHaveDuplicates();
        List<String[]> rows = new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .<String[]>readValues(csv).readAll();
        assertThat(rows).hasSize(2_346).allSatisfy(row -> assertThat(row).hasSize(17));
        assertThat(rows.get(2_345)[13]).isEqualTo("line 2344, with a comma");
    }

    @Test
    void badQueriesAreRefusedSayingWhatToSend() {
        refused("/ops/v1/audit/entries", Map.of("status", "NOPE"), "is not one the sync log records");
        refused("/ops/v1/audit/entries", Map.of("from", "yesterday"), "must be an ISO-8601 time with its offset");
        refused("/ops/v1/audit/entries", Map.of("from", "2026-12-02T00:00:00Z", "to", "2026-12-01T00:00:00Z"),
                "must be before to");
        refused("/ops/v1/audit/entries", Map.of("externalId", "abc"), "must be a UUID");
        refused("/ops/v1/audit/entries", Map.of("site", "North!"), "must be a site code");
        refused("/ops/v1/audit/entries", Map.of("limit", "501"), "limit");
        refused("/ops/v1/audit/export.csv", Map.of("limit", "100001"), "limit");
        refused("/ops/v1/audit/export.jsonl", Map.of("after", "-1"), "after");
    }

    @Test
    void onlyAuditorsOperatorsAndAdminsReadTheLog() {
        for (String role : List.of("auditor", "sre", "sync-admin")) {
            as(role).queryParam("doctype", doctype).when().get("/ops/v1/audit/entries").then().statusCode(200);
        }
        for (String path : List.of("/ops/v1/audit/entries", "/ops/v1/audit/export.csv", "/ops/v1/audit/export.jsonl",
                "/ops/v1/audit/months")) {
            as("gateway").when().get(path).then().statusCode(403).contentType("application/problem+json");
            as("sync-worker").when().get(path).then().statusCode(403);
            given().when().get(path).then().statusCode(401);
        }
    }

    private AuditEntry step(int hour, UUID externalId, String source, String target, SyncStatus status, String detail,
            String traceId) {
        return new AuditEntry(start.plus(Duration.ofHours(hour)), externalId, source, target, doctype, "DOC-" + hour,
                "2026-12-01 10:00:0" + hour + ".000000", "e".repeat(64), status, 0, detail, traceId);
    }

    private ValidatableResponse search(Map<String, String> filter) {
        return as("auditor").queryParams(filter).queryParam("doctype", doctype).when().get("/ops/v1/audit/entries")
                .then().statusCode(200);
    }

    private void refused(String path, Map<String, String> query, String detail) {
        as("auditor").queryParams(query).when().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sitesync.dev/problems/invalid-request"))
                .body("detail", containsString(detail));
    }

    private int id(int step) {
        return ids.get(step).intValue();
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalIssuer.shared().token("someone-" + role, role));
    }
}
