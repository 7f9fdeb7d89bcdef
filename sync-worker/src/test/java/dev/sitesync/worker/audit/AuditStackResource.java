package dev.sitesync.worker.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sitesync.stack.oidc.LocalIssuer;
import dev.sitesync.stack.process.JavaService;
import dev.sitesync.testsupport.postgres.TestDatabase;
import dev.sitesync.testsupport.postgres.TestPostgres;
import dev.sitesync.testsupport.process.PackagedServices;
import dev.sitesync.worker.domain.AuditChain;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * What the audit log works with, real: the worker's database as a deployment before monthly partitions had it (the
 * migrations up to V8, and {@value #PER_MONTH} entries in each of the last {@value #MONTHS_BEFORE} months, hash-chained
 * as the worker wrote them), and ownership-service as a process, keeping central's anchored heads. The worker under
 * test is central's, in this JVM; Flyway takes its database on from V9 when it starts. ownership-service must have been
 * packaged (the reactor builds it first).
 */
public class AuditStackResource implements QuarkusTestResourceLifecycleManager {

    static final int MONTHS_BEFORE = 3;
    static final int PER_MONTH = 40;
    private static final Duration START = Duration.ofSeconds(180);
    private static final PackagedServices services = new PackagedServices();

    private static TestDatabase database;
    private static JavaService ownership;

    /** The worker's own database, to tamper with as its superuser would. */
    static Connection superuser() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** ownership-service's base URL, to act there as an operator does. */
    static String ownershipUrl() {
        return ownership.url();
    }

    /** Stops ownership-service's process where it is (SIGSTOP): calls to it wait, as to a service that hangs. */
    static void pauseOwnership() throws IOException, InterruptedException {
        signal("STOP");
    }

    static void resumeOwnership() throws IOException, InterruptedException {
        signal("CONT");
    }

    private static void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(ownership.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + ownership.pid() + " failed with " + exit);
        }
    }

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.shared();
        issuer.registerClient("worker-central", "test", "sync-worker");
        database = TestPostgres.server().createDatabase("worker_audit");
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password()).locations("classpath:db/migration");
        flyway.target(beforePartitions(flyway.load())).load().migrate();
        seedHistory();
        ownership = startOwnership(issuer);
        Map<String, String> config = new HashMap<>(database.quarkusConfig());
        config.put("sitesync.worker.services.ownership-url", ownership.url());
        return config;
    }

    /** The newest migration before V9 partitioned the log. */
    private static MigrationVersion beforePartitions(Flyway flyway) {
        MigrationVersion partitioned = MigrationVersion.fromVersion("9");
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion)
                .filter(version -> version.isNewerThan(MigrationVersion.EMPTY) && partitioned.isNewerThan(version))
                .max(MigrationVersion::compareTo).orElseThrow();
    }

    /** Entries of past months, written as the worker wrote them before V9: into the one sync_log table. */
    private static void seedHistory() {
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        String previous = AuditChain.GENESIS;
        try (Connection connection = superuser(); PreparedStatement insert = connection.prepareStatement("""
                insert into sync_log (at, external_id, source_site, target_site, doctype, local_name, version,
                                      payload_hash, status, attempt, detail, prev_hash, row_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int month = MONTHS_BEFORE; month >= 1; month--) {
                Instant first = thisMonth.minusMonths(month).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant();
                for (int i = 0; i < PER_MONTH; i++) {
                    AuditEntry entry = new AuditEntry(first.plus(Duration.ofHours(i)), UUID.randomUUID(), "central",
                            "north", "Item", "HIST-" + month + "-" + i, "2026-01-01 00:00:00.000000", "b".repeat(64),
                            SyncStatus.QUEUED, 0, "history " + month + "/" + i);
                    String hash = AuditChain.hash(previous, entry);
                    insert.setTimestamp(1, Timestamp.from(entry.at()));
                    insert.setObject(2, entry.externalId());
                    insert.setString(3, entry.sourceSite());
                    insert.setString(4, entry.targetSite());
                    insert.setString(5, entry.doctype());
                    insert.setString(6, entry.localName());
                    insert.setString(7, entry.version());
                    insert.setString(8, entry.payloadHash());
                    insert.setString(9, entry.status().name());
                    insert.setInt(10, entry.attempt());
                    insert.setString(11, entry.detail());
                    insert.setString(12, previous);
                    insert.setString(13, hash);
                    insert.addBatch();
                    previous = hash;
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot seed the sync log's history", e);
        }
    }

    private static JavaService startOwnership(LocalIssuer issuer) {
        Map<String, String> environment = PackagedServices.securedBy(issuer);
        environment.put("SITESYNC_OWNERSHIP_POLICY_FILE", PackagedServices.write("audit-policy.yaml", POLICY).toString());
        JavaService service = services.start("ownership-service", "ownership-service-audit", "ownership", environment);
        service.awaitReady(START);
        return service;
    }

    @Override
    public void stop() {
        services.close();
    }

    private static final String POLICY = """
            sites:
              - {code: central, name: Central, baseUrl: "http://central.test", status: active,
                 versions: {frappe: "15.40.0", erpnext: "15.35.0"}}
              - {code: north, name: North, baseUrl: "http://north.test", status: active,
                 versions: {frappe: "15.40.0", erpnext: "15.35.0"}}
            domains:
              - doctype: Item
                class: MASTER
                businessOwner: Sales
                technicalOwner: ERP team
                escalation: On-call
                owner: central
                consumers: [{site: north}]
            """;
}
