package dev.sitesync.worker.readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.frappe.client.AppVersion;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.audit.AuditHealth;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.domain.ReadinessReport;
import dev.sitesync.worker.domain.ReadinessReport.Check;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.source.Onboarding;
import dev.sitesync.worker.store.SchemaStates;

/**
 * The go-live checklist of this worker's site (seed §27), answered from facts read now: the external-ID field on
 * every synchronized doctype and its protection, the webhooks and their signatures, what the sync user can and cannot
 * read, the site's time zone and versions, every received doctype's schema, the clock skew with the site, retries and
 * the audit log. A check that cannot be read is not ok, with what failed.
 */
@ApplicationScoped
public class SiteReadiness {

    /**
     * The accounting ledgers (ARCHITECTURE §3, class NEVER): a sync user that can read them holds an accounting role,
     * more than synchronization needs. Invoices, the stock ledger and Bin are not listed: on ERPNext the selling and
     * stock roles that reading Sales Orders and Items needs read them too.
     */
    static final Set<String> LEDGERS = Set.of("GL Entry", "Payment Ledger Entry", "Journal Entry", "Payment Entry");
    private static final String ONBOARD = "Onboard the site again (POST /ops/v1/onboard, role sync-admin)";

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final SchemaStates schemas;
    private final AuditHealth audit;
    private final Pool pool;
    private final Clock clock;

    @Inject
    public SiteReadiness(WorkerConfig config, FrappeClient site, PolicyCache policies, SchemaStates schemas,
            AuditHealth audit, Pool pool) {
        this(config, site, policies, schemas, audit, pool, Clock.systemUTC());
    }

    SiteReadiness(WorkerConfig config, FrappeClient site, PolicyCache policies, SchemaStates schemas,
            AuditHealth audit, Pool pool, Clock clock) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.schemas = schemas;
        this.audit = audit;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<ReadinessReport> check() {
        Instant at = clock.instant();
        return policies.current().flatMap(policy -> Multi.createFrom().iterable(List.<Function<SyncPolicy, Uni<Check>>>of(
                this::externalIdField, this::webhooks, this::syncUser, p -> zoneAndVersions(), this::schema,
                p -> clockSkew(), p -> retries(), p -> auditLog()))
                .onItem().transformToUniAndConcatenate(check -> check.apply(policy))
                .collect().asList())
                .map(checks -> ReadinessReport.of(config.site(), at, checks));
    }

    private Uni<Check> externalIdField(SyncPolicy policy) {
        String name = "external-id-field";
        List<String> problems = new ArrayList<>();
        return Multi.createFrom().iterable(policy.masters())
                .onItem().transformToUniAndConcatenate(doctype -> site.meta(doctype).invoke(meta -> {
                    JsonNode field = field(meta, CarriedExternalIds.FIELD);
                    if (field == null) {
                        problems.add(doctype + " has no " + CarriedExternalIds.FIELD + " field");
                        return;
                    }
                    List<String> missing = new ArrayList<>();
                    Map.of("read_only", "read-only", "unique", "unique", "no_copy", "no-copy").forEach((flag, word) -> {
                        if (field.path(flag).asInt(0) != 1) {
                            missing.add(word);
                        }
                    });
                    if (!missing.isEmpty()) {
                        problems.add(doctype + "'s " + CarriedExternalIds.FIELD + " is not " + String.join(", ",
                                missing.stream().sorted().toList()) + ": people can type or copy external IDs");
                    }
                }))
                .collect().asList()
                .map(done -> problems.isEmpty()
                        ? Check.ok(name, CarriedExternalIds.FIELD + " is read-only, unique and no-copy on "
                                + String.join(", ", policy.masters()))
                        : Check.notOk(name, String.join("; ", problems), ONBOARD
                                + ": it creates the field or restores its protection (if two documents share a "
                                + "value, clear one first)"))
                .onFailure().recoverWithItem(e -> unreadable(name, e));
    }

    private Uni<Check> webhooks(SyncPolicy policy) {
        String name = "webhooks";
        if (config.gatewayUrl().isEmpty() || config.frappe().webhookSecret().isEmpty()) {
            return Uni.createFrom().item(Check.notOk(name, "no gateway URL or webhook secret is configured: changes "
                    + "are captured by polling alone, seconds late",
                    "Set SITESYNC_WORKER_GATEWAY_URL and "
                            + "SITESYNC_WORKER_FRAPPE_WEBHOOK_SECRET, then onboard the site again"));
        }
        String url = config.gatewayUrl().get() + "/hooks/" + config.site();
        Set<String> captured = new LinkedHashSet<>(policy.masters());
        captured.addAll(policy.referenceOnly());
        return site.list(ListQuery.of("Webhook").fields("name", "webhook_doctype", "webhook_docevent", "enabled",
                "enable_security").where(Filter.eq("request_url", url)).unlimited()).map(hooks -> {
                    List<String> problems = new ArrayList<>();
                    for (String doctype : captured) {
                        for (String event : Onboarding.DOC_EVENTS) {
                            ObjectNode hook = hooks.stream().filter(h -> doctype.equals(h.path("webhook_doctype")
                                    .asText()) && event.equals(h.path("webhook_docevent").asText())).findFirst()
                                    .orElse(null);
                            if (hook == null) {
                                problems.add(doctype + " " + event + ": no webhook to " + url);
                            } else if (hook.path("enabled").asInt(0) != 1) {
                                problems.add(doctype + " " + event + ": webhook " + hook.path("name").asText()
                                        + " is disabled");
                            } else if (hook.path("enable_security").asInt(0) != 1) {
                                problems.add(doctype + " " + event + ": webhook " + hook.path("name").asText()
                                        + " is not signed (the gateway refuses it)");
                            }
                        }
                    }
                    return problems.isEmpty()
                            ? Check.ok(name, hooks.size() + " signed webhooks to " + url + " for " + captured.size()
                                    + " doctypes")
                            : Check.notOk(name, String.join("; ", problems), ONBOARD + " to create missing webhooks; "
                                    + "enable a disabled or unsigned one on the site with the site's webhook secret");
                }).onFailure().recoverWithItem(e -> unreadable(name, e));
    }

    private Uni<Check> syncUser(SyncPolicy policy) {
        String name = "sync-user";
        Set<String> needed = new LinkedHashSet<>(policy.masters());
        needed.addAll(policy.referenceOnly());
        Set<String> ledgers = new LinkedHashSet<>(LEDGERS);
        ledgers.addAll(policy.neverSynced());
        ledgers.removeAll(needed);
        return site.loggedUser().flatMap(user -> canRead(needed).flatMap(readable -> canRead(ledgers).map(leaks -> {
            List<String> problems = new ArrayList<>();
            if ("Administrator".equals(user) || "Guest".equals(user)) {
                problems.add("the worker logs in as " + user);
            }
            Set<String> unreadable = new LinkedHashSet<>(needed);
            unreadable.removeAll(readable);
            if (!unreadable.isEmpty()) {
                problems.add(user + " cannot read " + String.join(", ", unreadable) + ", which it synchronizes");
            }
            if (!leaks.isEmpty()) {
                problems.add(user + " can read " + String.join(", ", leaks) + ", which SiteSync never touches");
            }
            return problems.isEmpty()
                    ? Check.ok(name, user + " reads the " + needed.size() + " doctypes it synchronizes and none of "
                            + String.join(", ", ledgers))
                    : Check.notOk(name, String.join("; ", problems), "Give the worker a user of its own holding "
                            + "only the roles of the synchronized doctypes (no accounting role)");
        }))).onFailure().recoverWithItem(e -> unreadable(name, e));
    }

    /** The doctypes of the set the sync user may read: a refusal (or a doctype the site lacks) is a no. */
    private Uni<Set<String>> canRead(Set<String> doctypes) {
        Set<String> readable = new LinkedHashSet<>();
        return Multi.createFrom().iterable(doctypes)
                .onItem().transformToUniAndConcatenate(doctype -> site.list(ListQuery.of(doctype).fields("name")
                        .limit(0, 1)).invoke(rows -> readable.add(doctype)).replaceWithVoid()
                        .onFailure(e -> e instanceof FrappeException f && (f.kind() == FrappeErrorKind.PERMISSION
                                || f.kind() == FrappeErrorKind.NOT_FOUND))
                        .recoverWithNull())
                .collect().asList().replaceWith(readable);
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
        })).onFailure().recoverWithItem(e -> unreadable(name, e));
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
        }).onFailure().recoverWithItem(e -> unreadable(name, e));
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
                }).onFailure().recoverWithItem(e -> unreadable(name, e));
    }

    private static JsonNode field(JsonNode meta, String fieldname) {
        for (JsonNode field : meta.path("fields")) {
            if (fieldname.equals(field.path("fieldname").asText())) {
                return field;
            }
        }
        return null;
    }

    private static String details(JsonNode differences) {
        List<String> details = new ArrayList<>();
        if (differences != null) {
            differences.forEach(difference -> details.add(difference.path("detail").asText()));
        }
        return String.join("; ", details);
    }

    private static Check unreadable(String name, Throwable failure) {
        return Check.notOk(name, "could not be checked: " + failure.getMessage(),
                "Check that the site and the SiteSync services answer, then ask again");
    }
}
