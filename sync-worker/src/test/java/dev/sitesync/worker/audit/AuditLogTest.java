package dev.sitesync.worker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.worker.audit.ChainVerification.Start;
import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.SyncLog;

/**
 * The sync log kept for ever and provable, on a real PostgreSQL with a history written before it was partitioned, and
 * ownership-service keeping its anchored heads. Tampering is done as an attacker with database access does it: as the
 * database's superuser, past every trigger. Each test puts the log back as it was.
 */
@QuarkusTest
@TestProfile(AuditProfile.class)
class AuditLogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int HISTORY = AuditStackResource.MONTHS_BEFORE * AuditStackResource.PER_MONTH;

    @Inject
    SyncLog log;

    @Inject
    AuditMaintenance maintenance;

    @Inject
    ChainVerification verification;

    /** The first entry the round before this test appended; the head before it is anchored. */
    private long firstOfThisRound;

    /**
     * A round of the audit's job (months sealed, heads anchored), some entries of this month, and another round: the
     * head before this test's entries and the head after them are both anchored.
     */
    @BeforeEach
    void aLiveMonthAnchored() {
        assertThat(maintenance.maintainAndAnchor().await().atMost(PATIENCE)).isNotNull();
        long before = count("select coalesce(max(id), 0) from sync_log");
        List<AuditEntry> live = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            live.add(new AuditEntry(Instant.now(), UUID.randomUUID(), "central", "north", "Item", "LIVE-" + i,
                    "2026-12-01 10:00:00.000000", "c".repeat(64), SyncStatus.QUEUED, 0, "live " + i));
        }
        log.append(live).await().atMost(PATIENCE);
        firstOfThisRound = count("select min(id) from sync_log where id > " + before);
        assertThat(maintenance.maintainAndAnchor().await().atMost(PATIENCE)).isNotNull();
    }

    @Test
    void theHistoryMovedIntoItsMonthsAndVerifiesWithTheAnchors() throws SQLException {
        verify().body("firstBrokenId", nullValue()).body("anchors", nullValue())
                .body("rowsChecked", greaterThanOrEqualTo(HISTORY + 5))
                .body("anchorsMatched", greaterThanOrEqualTo(AuditStackResource.MONTHS_BEFORE + 1));

        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        for (int month = 1; month <= AuditStackResource.MONTHS_BEFORE; month++) {
            String partition = partitionOf(thisMonth.minusMonths(month));
            assertThat(count("select count(*) from " + partition)).isEqualTo(AuditStackResource.PER_MONTH);
            given().auth().oauth2(token("auditor")).when().get("/ops/v1/audit/months").then().statusCode(200)
                    .body("find { it.partition == '" + partition + "' }.archived", equalTo(true))
                    .body("find { it.partition == '" + partition + "' }.rows", equalTo(AuditStackResource.PER_MONTH));
        }
        given().auth().oauth2(token("auditor")).when().get("/ops/v1/audit/months").then()
                .body("find { it.partition == '" + partitionOf(thisMonth) + "' }.archived", equalTo(false))
                .body("find { it.partition == '" + partitionOf(thisMonth.plusMonths(3)) + "' }.archived",
                        equalTo(false));
        assertThat(count("select count(*) from pg_class where relname = 'sync_log_unpartitioned'")).isZero();
    }

    @Test
    void idsGrowWithTheMonthsAndNewEntriesFollowTheHistory() throws SQLException {
        assertThat(count("""
                select count(*) from sync_log a join sync_log b on b.id > a.id
                 where b.logged_at < a.logged_at""")).isZero();
        assertThat(count("select min(id) from " + partitionOf(YearMonth.now(ZoneOffset.UTC)))).isGreaterThan(HISTORY);
    }

    @Test
    void anArchivedMonthRefusesEveryWriteAndNoRoleKeepsThePrivilegeToWriteIt() throws SQLException {
        String archived = partitionOf(YearMonth.now(ZoneOffset.UTC).minusMonths(2));

        try (Connection connection = AuditStackResource.superuser(); Statement statement = connection.createStatement()) {
            // past the log's own append-only trigger, as an owner might try
            statement.execute("alter table sync_log disable trigger sync_log_append_only");
            try {
                assertThatThrownBy(() -> statement.executeUpdate("update " + archived + " set detail = 'x'"))
                        .hasMessageContaining("archived month of the sync log is read-only");
                assertThatThrownBy(() -> statement.executeUpdate("delete from sync_log where id = 3"))
                        .hasMessageContaining("read-only");
            } finally {
                statement.execute("alter table sync_log enable trigger sync_log_append_only");
            }
            assertThatThrownBy(() -> statement.executeUpdate("insert into " + archived + " (at, source_site, doctype, "
                    + "status, prev_hash, row_hash, logged_at) select at, source_site, doctype, status, prev_hash, "
                    + "row_hash, logged_at from " + archived + " limit 1")).hasMessageContaining("read-only");
            assertThatThrownBy(() -> statement.execute("truncate " + archived)).hasMessageContaining("append-only");
            try (ResultSet acl = statement.executeQuery("select coalesce(relacl::text, '') from pg_class where relname = '"
                    + archived + "'")) {
                acl.next();
                // a = insert, w = update, d = delete, D = truncate: granted to nobody, the owner included
                assertThat(acl.getString(1)).isNotEmpty().doesNotContainPattern("=[a-zA-Z]*[awdD]");
            }
        }
        assertThat(count("select count(*) from " + archived)).isEqualTo(AuditStackResource.PER_MONTH);
    }

    /** Must show 7, first half. */
    @Test
    void anEntryAlteredInAnArchivedMonthIsNamedWithItsMonth() throws SQLException {
        String archived = partitionOf(YearMonth.now(ZoneOffset.UTC).minusMonths(2));
        long tampered = count("select min(id) + 17 from " + archived);
        String original = detailOf(tampered);

        setDetail(archived, tampered, "approved by nobody");
        try {
            verify().body("firstBrokenId", equalTo((int) tampered)).body("partition", equalTo(archived))
                    .body("problem", containsString("row_hash does not match the entry's content"));
        } finally {
            setDetail(archived, tampered, original);
        }
        verify().body("firstBrokenId", nullValue());
    }

    /** Must show 7, second half: the whole live month rewritten, every hash recomputed so the chain holds together. */
    @Test
    void theWholeLiveMonthRewrittenWithItsHashesRecomputedIsNamedAtItsFirstEntry() throws SQLException {
        String live = partitionOf(YearMonth.now(ZoneOffset.UTC));
        long first = count("select min(id) from " + live);
        List<String[]> originals = rewriteRecomputing(live, "rewritten");
        try {
            verify().body("firstBrokenId", equalTo((int) first)).body("partition", equalTo(live))
                    .body("problem", containsString("differs from the one anchored at"))
                    .body("problem", containsString("hashes recomputed"));
        } finally {
            restore(live, originals);
        }
        verify().body("firstBrokenId", nullValue());
    }

    @Test
    void theWholeLiveMonthRewrittenAsItIsIsNamedAtItsFirstEntry() throws SQLException {
        String live = partitionOf(YearMonth.now(ZoneOffset.UTC));
        long first = count("select min(id) from " + live);
        List<String[]> originals = snapshot(live);
        asSuperuser("alter table " + live + " disable trigger user",
                "update " + live + " set detail = 'rewritten'",
                "alter table " + live + " enable trigger user");
        try {
            verify().body("firstBrokenId", equalTo((int) first)).body("partition", equalTo(live))
                    .body("problem", containsString("row_hash does not match"));
        } finally {
            restore(live, originals);
        }
        verify().body("firstBrokenId", nullValue());
    }

    @Test
    void entriesRemovedFromTheEndAreFoundByTheAnchorOfTheHead() throws SQLException {
        String live = partitionOf(YearMonth.now(ZoneOffset.UTC));
        long head = count("select max(id) from sync_log");
        List<String[]> originals = snapshot(live);
        asSuperuser("alter table " + live + " disable trigger user",
                "delete from " + live + " where id > " + (head - 3),
                "alter table " + live + " enable trigger user");
        try {
            // the head before this test's entries still matches its anchor: what follows it is not proven any more
            verify().body("firstBrokenId", equalTo((int) firstOfThisRound)).body("partition", equalTo(live))
                    .body("problem", containsString("the log ends at entry " + (head - 3) + " but entry " + head
                            + " was anchored"));
        } finally {
            reinsert(live, originals, head - 3);
        }
        verify().body("firstBrokenId", nullValue());
    }

    @Test
    void aRewrittenLogIsNotAnchoredAndRaisesTheAlarmUntilTheWholeLogVerifiesAgain() throws SQLException {
        String live = partitionOf(YearMonth.now(ZoneOffset.UTC));
        List<String[]> originals = rewriteRecomputing(live, "rewritten again");
        try {
            assertThat(maintenance.maintainAndAnchor().await().atMost(PATIENCE)).isNull();
            assertThat(metric("sitesync_worker_audit_chain_broken")).isEqualTo(1.0);
        } finally {
            restore(live, originals);
        }
        verify().body("firstBrokenId", nullValue());
        assertThat(metric("sitesync_worker_audit_chain_broken")).isZero();
    }

    @Test
    void aLogRestoredFromABackupIsReportedUntilASyncAdminAcknowledgesWhatItLost() throws SQLException {
        String live = partitionOf(YearMonth.now(ZoneOffset.UTC));
        long head = count("select max(id) from sync_log");
        // the backup ends three entries before the anchored head; the sequence stays past it, as the runbook says
        asSuperuser("alter table " + live + " disable trigger user",
                "delete from " + live + " where id > " + (head - 3),
                "alter table " + live + " enable trigger user");
        verify().body("firstBrokenId", equalTo((int) firstOfThisRound))
                .body("problem", containsString("entries at the end were removed"));
        assertThat(maintenance.maintainAndAnchor().await().atMost(PATIENCE)).isNull();

        given().auth().oauth2(token("sync-admin")).contentType("application/json")
                .body(Map.of("afterId", head - 3, "reason", "worker database restored from last night's backup"))
                .when().post(AuditStackResource.ownershipUrl() + "/api/v1/sites/central/audit-anchors/losses").then()
                .statusCode(201).body("throughId", equalTo((int) head));

        verify().body("firstBrokenId", nullValue());
        log.append(new AuditEntry(Instant.now(), UUID.randomUUID(), "central", "north", "Item", "AFTER-RESTORE",
                "2026-12-01 10:00:00.000000", "d".repeat(64), SyncStatus.QUEUED, 0, null)).await().atMost(PATIENCE);
        assertThat(maintenance.maintainAndAnchor().await().atMost(PATIENCE)).isNotNull()
                .satisfies(verified -> assertThat(verified.lastId()).isGreaterThan(head));
        verify().body("firstBrokenId", nullValue());
        assertThat(metric("sitesync_worker_audit_chain_broken")).isZero();
    }

    @Test
    void verificationResumesAtTheNewestAnchorAndChecksOnlyWhatFollows() {
        long anchored = count("select max(id) from sync_log");
        log.append(new AuditEntry(Instant.now(), UUID.randomUUID(), "central", "north", "Item", "AFTER-ANCHOR",
                "2026-12-01 10:00:00.000000", "d".repeat(64), SyncStatus.QUEUED, 0, null)).await().atMost(PATIENCE);

        given().auth().oauth2(token("auditor")).queryParam("from", "latest").when().get("/ops/v1/audit/verify").then()
                .statusCode(200).body("firstBrokenId", nullValue()).body("fromId", equalTo((int) anchored))
                .body("rowsChecked", equalTo(2)).body("lastId", equalTo((int) count("select max(id) from sync_log")));
        given().auth().oauth2(token("auditor")).queryParam("from", anchored).when().get("/ops/v1/audit/verify").then()
                .statusCode(200).body("firstBrokenId", nullValue()).body("rowsChecked", equalTo(2));
        given().auth().oauth2(token("auditor")).queryParam("from", anchored + 1).when().get("/ops/v1/audit/verify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sitesync.dev/problems/invalid-request"))
                .body("detail", containsString("was never anchored"));
    }

    @Test
    void aSecondWalkWhileOneRunsIsRefusedAndTheFirstIsNotDisturbed() throws Exception {
        CompletableFuture<ChainVerification.Verification> first;
        // ownership-service paused: the first walk waits for its anchors, so it is surely still running
        AuditStackResource.pauseOwnership();
        try {
            first = verification.verify(new Start.Genesis()).subscribeAsCompletionStage();

            given().auth().oauth2(token("auditor")).when().get("/ops/v1/audit/verify").then().statusCode(429)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://sitesync.dev/problems/rate-limited"))
                    .body("detail", containsString("retry when it ends"));
        } finally {
            AuditStackResource.resumeOwnership();
        }
        assertThat(first.get(60, TimeUnit.SECONDS).intact()).isTrue();
        verify().body("firstBrokenId", nullValue());
    }

    @Test
    void onlyAuditorsOperatorsAndAdminsVerify() {
        for (String role : List.of("auditor", "sre", "sync-admin")) {
            given().auth().oauth2(token(role)).queryParam("from", "latest").when().get("/ops/v1/audit/verify").then()
                    .statusCode(200);
        }
        given().auth().oauth2(token("gateway")).when().get("/ops/v1/audit/verify").then().statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/ops/v1/audit/verify").then().statusCode(401);
        given().auth().oauth2(token("auditor")).queryParam("from", "yesterday").when().get("/ops/v1/audit/verify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static ValidatableResponse verify() {
        return given().auth().oauth2(token("auditor")).when().get("/ops/v1/audit/verify").then().statusCode(200);
    }

    private static String token(String role) {
        return LocalIssuer.shared().token("someone-" + role, role);
    }

    private static String partitionOf(YearMonth month) {
        return "sync_log_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private static long count(String sql) {
        try (Connection connection = AuditStackResource.superuser();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String detailOf(long id) throws SQLException {
        try (Connection connection = AuditStackResource.superuser();
                PreparedStatement query = connection.prepareStatement("select detail from sync_log where id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static void asSuperuser(String... statements) throws SQLException {
        try (Connection connection = AuditStackResource.superuser(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static final String ROW = "id, at, external_id, source_site, target_site, doctype, local_name, version, "
            + "payload_hash, status, attempt, detail, trace_id, prev_hash, row_hash, logged_at";

    /** Every row of the partition as text, in id order, to put back afterwards. */
    private static List<String[]> snapshot(String partition) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = AuditStackResource.superuser();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select " + ROW + " from " + partition + " order by id")) {
            while (result.next()) {
                String[] row = new String[16];
                for (int i = 0; i < row.length; i++) {
                    row[i] = result.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * What an attacker with the database does to a month: changes every entry's detail and recomputes every hash from
     * the entry before the month, so the chain holds together. Answers the rows as they were.
     */
    private static List<String[]> rewriteRecomputing(String partition, String detail) throws SQLException {
        List<String[]> originals = snapshot(partition);
        try (Connection connection = AuditStackResource.superuser(); Statement statement = connection.createStatement()) {
            String previous;
            try (ResultSet before = statement.executeQuery("select row_hash from sync_log where id < "
                    + originals.get(0)[0] + " order by id desc limit 1")) {
                previous = before.next() ? before.getString(1) : AuditChain.GENESIS;
            }
            List<Long> ids = new ArrayList<>();
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select id, at, external_id, source_site, target_site, "
                    + "doctype, local_name, version, payload_hash, status, attempt, trace_id from " + partition
                    + " order by id")) {
                while (rows.next()) {
                    ids.add(rows.getLong("id"));
                    entries.add(new AuditEntry(rows.getObject("at", OffsetDateTime.class).toInstant(),
                            rows.getObject("external_id", UUID.class), rows.getString("source_site"),
                            rows.getString("target_site"), rows.getString("doctype"), rows.getString("local_name"),
                            rows.getString("version"), rows.getString("payload_hash"),
                            SyncStatus.valueOf(rows.getString("status")), rows.getInt("attempt"), detail,
                            rows.getString("trace_id")));
                }
            }
            statement.execute("alter table " + partition + " disable trigger user");
            try (PreparedStatement update = connection.prepareStatement(
                    "update " + partition + " set detail = ?, prev_hash = ?, row_hash = ? where id = ?")) {
                for (int i = 0; i < entries.size(); i++) {
                    String hash = AuditChain.hash(previous, entries.get(i));
                    update.setString(1, detail);
                    update.setString(2, previous);
                    update.setString(3, hash);
                    update.setLong(4, ids.get(i));
                    update.addBatch();
                    previous = hash;
                }
                update.executeBatch();
            } finally {
                statement.execute("alter table " + partition + " enable trigger user");
            }
        }
        return originals;
    }

    private static void setDetail(String partition, long id, String detail) throws SQLException {
        try (Connection connection = AuditStackResource.superuser();
                Statement statement = connection.createStatement();
                PreparedStatement update = connection.prepareStatement("update " + partition
                        + " set detail = ? where id = ?")) {
            statement.execute("alter table " + partition + " disable trigger user");
            try {
                update.setString(1, detail);
                update.setLong(2, id);
                update.executeUpdate();
            } finally {
                statement.execute("alter table " + partition + " enable trigger user");
            }
        }
    }

    /** Puts each row's detail and hashes back as they were. */
    private static void restore(String partition, List<String[]> originals) throws SQLException {
        try (Connection connection = AuditStackResource.superuser(); Statement statement = connection.createStatement()) {
            statement.execute("alter table " + partition + " disable trigger user");
            try (PreparedStatement update = connection.prepareStatement(
                    "update " + partition + " set detail = ?, prev_hash = ?, row_hash = ? where id = ?")) {
                for (String[] row : originals) {
                    update.setString(1, row[11]);
                    update.setString(2, row[13]);
                    update.setString(3, row[14]);
                    update.setLong(4, Long.parseLong(row[0]));
                    update.addBatch();
                }
                update.executeBatch();
            } finally {
                statement.execute("alter table " + partition + " enable trigger user");
            }
        }
    }

    /** Inserts back the rows after {@code afterId}, every column as it was. */
    private static void reinsert(String partition, List<String[]> originals, long afterId) throws SQLException {
        try (Connection connection = AuditStackResource.superuser();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into " + partition + " (" + ROW
                                + ") values (?::bigint, ?::timestamptz, ?::uuid, ?, ?, ?, ?, ?, "
                                + "?, ?, ?::int, ?, ?, ?, ?, ?::timestamptz)")) {
            for (String[] row : originals) {
                if (Long.parseLong(row[0]) > afterId) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setString(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not exported"));
    }
}
