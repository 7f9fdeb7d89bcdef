package dev.sitesync.worker.readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.frappe.client.AppVersion;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.worker.audit.AuditHealth;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ReadinessReport;
import dev.sitesync.worker.domain.ReadinessReport.Check;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.store.SchemaStates;

/**
 * The go-live checklist of this worker's site (seed §27), answered from facts read now: what onboarding set up
 * ({@link SiteSetup}), what the sync user can and cannot read ({@link SyncUserScope}), the site's time zone and
 * versions, every received doctype's schema, the clock skew with the site, retries and the audit log. A check that
 * cannot be read is not ok, with what failed.
 */
@ApplicationScoped
public class SiteReadiness {

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final SchemaStates schemas;
    private final AuditHealth audit;
    private final Pool pool;
    private final SiteSetup setup;
    private final SyncUserScope syncUser;
    private final Clock clock = Clock.systemUTC();

    public SiteReadiness(WorkerConfig config, FrappeClient site, PolicyCache policies, SchemaStates schemas,
            AuditHealth audit, Pool pool, SiteSetup setup, SyncUserScope syncUser) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.schemas = schemas;
        this.audit = audit;
        this.pool = pool;
        this.setup = setup;
        this.syncUser = syncUser;
    }

    public Uni<ReadinessReport> check() {
        Instant at = clock.instant();
        return policies.current().flatMap(policy -> Multi.createFrom().iterable(List.<Function<SyncPolicy, Uni<Check>>>of(
                setup::externalIdField, setup::webhooks, syncUser::check, p -> zoneAndVersions(), this::schema,
                p -> clockSkew(), p -> retries(), p -> auditLog()))
                .onItem().transformToUniAndConcatenate(check -> check.apply(policy))
                .collect().asList())
                .map(checks -> ReadinessReport.of(config.site(), at, checks));
    }

    private Uni<Check> zoneAndVersions() {
        String name = "site-time-zone-and-versions";
        return site.timeZone().flatMap(zone -> site.versions().map(apps -> {
            AppVersion frappe = apps.get("frappe");
            AppVersion erpnext = apps.get("erpnext");
            if (zone.isEmpty()) {
                return Check.notOk(name, "the site names no time zone Java knows in its System Settings, so its "
                        + "naive datetimes cannot be placed", "Set the time zone in the site's System Settings");
            }
            if (frappe == null || frappe.version() == null || erpnext == null || erpnext.version() == null) {
                return Check.notOk(name, "the site does not report its frappe and erpnext versions (" + apps.keySet()
                        + ")", "Check that the sync user may call frappe.utils.change_log.get_versions");
            }
            return Check.ok(name, zone.get() + ", frappe " + frappe.version() + ", erpnext " + erpnext.version());
        })).onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    private Uni<Check> schema(SyncPolicy policy) {
        String name = "schema";
        Set<String> received = policy.receivedMasters(config.site());
        return schemas.all().map(states -> {
            List<String> problems = new ArrayList<>();
            for (String doctype : received) {
                SchemaStates.State state = states.stream().filter(s -> s.doctype().equals(doctype)).findFirst()
                        .orElse(null);
                if (state == null) {
                    problems.add(doctype + ": no schema recorded yet");
                } else if (state.mismatched()) {
                    problems.add(doctype + ": SCHEMA_MISMATCH since " + state.mismatchSince() + " ("
                            + details(state.differences()) + ")");
                }
            }
            return problems.isEmpty()
                    ? Check.ok(name, "compatible: " + String.join(", ", received))
                    : Check.notOk(name, String.join("; ", problems), "Onboard the site to record the schemas; for a "
                            + "mismatch, restore the field on the site, then POST /ops/v1/schema/{doctype}/resume "
                            + "(docs/runbooks/SiteSyncSchemaMismatch.md)");
        });
    }

    private Uni<Check> clockSkew() {
        String name = "clock-skew";
        Duration limit = config.readiness().maxClockSkew();
        Instant before = clock.instant();
        return site.serverTime().map(stated -> {
            if (stated.isEmpty()) {
                return Check.notOk(name, "the site sends no Date header, so its clock cannot be compared",
                        "Serve the site behind a web server that sends Date (nginx does), and keep it on NTP");
            }
            Instant after = clock.instant();
            Instant ours = before.plus(Duration.between(before, after).dividedBy(2));
            // the header has whole seconds: up to a second of apparent skew is the header's, not the clock's
            Duration skew = Duration.between(ours, stated.get()).abs().minusSeconds(1);
            Duration shown = skew.isNegative() ? Duration.ZERO : skew;
            return shown.compareTo(limit) <= 0
                    ? Check.ok(name, "within " + limit.toSeconds() + " s of this worker's clock")
                    : Check.notOk(name, "the site's clock is " + shown.toSeconds() + " s "
                            + (stated.get().isAfter(ours) ? "ahead of" : "behind") + " this worker's (at most "
                            + limit.toSeconds() + " s)", "Synchronize the site's and the worker's clocks with NTP");
        }).onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    private Uni<Check> retries() {
        Duration age = config.retry().maxAge();
        return Uni.createFrom().item(age.isZero() || age.isNegative()
                ? Check.notOk("retries", "failures are not retried (SITESYNC_WORKER_RETRY_MAX_AGE is " + age + ")",
                        "Set SITESYNC_WORKER_RETRY_MAX_AGE to hours, e.g. 24h")
                : Check.ok("retries", "failures are retried with backoff for " + age.toHours() + " h before an "
                        + "operator is asked; open circuits wait without spending attempts"));
    }

    private Uni<Check> auditLog() {
        String name = "audit";
        return pool.query("""
                select count(*) filter (where tgenabled <> 'D') as enabled from pg_trigger
                 where tgrelid = 'sync_log'::regclass and tgname in ('sync_log_append_only', 'sync_log_no_truncate')""")
                .execute().map(rows -> {
                    long enabled = rows.iterator().next().getLong("enabled");
                    if (enabled < 2) {
                        return Check.notOk(name, "the sync log's append-only triggers are disabled",
                                "Treat as a security incident (docs/runbooks/SiteSyncAuditChainBroken.md)");
                    }
                    if (audit.broken()) {
                        return Check.notOk(name, "the sync log's hash chain failed verification",
                                "Treat as a security incident (docs/runbooks/SiteSyncAuditChainBroken.md)");
                    }
                    return Check.ok(name, "the sync log is append-only and hash-chained, its head anchored with "
                            + "ownership-service");
                }).onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    private static String details(JsonNode differences) {
        List<String> details = new ArrayList<>();
        if (differences != null) {
            differences.forEach(difference -> details.add(difference.path("detail").asText()));
        }
        return String.join("; ", details);
    }

}
