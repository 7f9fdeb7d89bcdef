package dev.sitesync.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.frappe.client.CustomFieldSpec;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.OwnershipClient;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.config.WorkerIdentity;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.store.DeadLetters;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.Leases;

/**
 * The source side of central's worker, in-process, against real frappe-sim, identity-service and ownership-service
 * processes: onboarding protects the external-ID field, a document whose external ID cannot be trusted is one dead
 * letter while the rest of its batch goes out, envelopes carry their policy version and capture sequence, a failing
 * doctype backs off alone, a capture that lost its lease queues nothing, dependencies are captured under their own
 * doctype's lease and queued first, the site's time zone comes from the site, and meta is read again once invalidated.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStackResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SourceCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String ITEM_FIELD = "Item-" + CarriedExternalIds.FIELD;

    @Inject
    Onboarding onboarding;

    @Inject
    Capture capture;

    @Inject
    WebhookEvents webhookEvents;

    @Inject
    InboundEvents events;

    @Inject
    CaptureLease leases;

    @Inject
    SourcePipeline pipeline;

    @Inject
    OwnershipClient ownership;

    @Inject
    SiteZone zone;

    @Inject
    MetaCache metas;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Pool pool;

    private final FrappeClient site = SourceStackResource.sites().admin(SourceStackResource.SITE);

    @Test
    void onboardingCreatesOrRepairsTheExternalIdFieldReadOnlyUniqueAndNotCopied() {
        unprotect("Customer");

        Onboarding.Report first = onboarding.run().await().atMost(WAIT);
        Onboarding.Report again = onboarding.run().await().atMost(WAIT);

        assertThat(first.customFieldsRepaired()).contains("Customer");
        assertThat(first.problems()).isEmpty();
        for (String doctype : List.of("Item", "Item Group", "Customer")) {
            ObjectNode field = customField(doctype).orElseThrow();
            assertThat(field.path("read_only").asInt()).as(doctype + " read_only").isEqualTo(1);
            assertThat(field.path("unique").asInt()).as(doctype + " unique").isEqualTo(1);
            assertThat(field.path("no_copy").asInt()).as(doctype + " no_copy").isEqualTo(1);
        }
        assertThat(again.customFieldsCreated()).isEmpty();
        assertThat(again.customFieldsRepaired()).isEmpty();
    }

    @Test
    void aMalformedOrSharedExternalIdIsOneDeadLetterAndEveryOtherDocumentOfTheBatchIsQueued() {
        // a site where the field lost its protection (or never had it): users typed and duplicated values
        unprotect("Item");
        String group = itemGroup();
        String shared = UUID.randomUUID().toString();
        List<ObjectNode> items = List.of(item(group, null), item(group, null), item(group, "not a uuid at all"),
                item(group, shared), item(group, shared));
        List<String> names = items.stream().map(item -> item.path("name").asText()).toList();

        captureByEvents("Item", items, "a");
        captureByEvents("Item", items, "b"); // a second webhook for the same versions

        assertThat(deadLetters(names)).containsExactlyInAnyOrder(
                names.get(2) + " MALFORMED_EXTERNAL_ID " + items.get(2).path("modified").asText(),
                names.get(3) + " SHARED_EXTERNAL_ID " + items.get(3).path("modified").asText(),
                names.get(4) + " SHARED_EXTERNAL_ID " + items.get(4).path("modified").asText());
        assertThat(count("select count(*) from sync_log where status = 'DEAD_LETTER' and local_name = any($1)",
                (Object) names.toArray(String[]::new))).isEqualTo(3);
        assertThat(queued(names)).containsExactlyInAnyOrder(names.get(0) + " north", names.get(0) + " south",
                names.get(1) + " north", names.get(1) + " south");
        assertThat(count("select count(*) from inbound_event where handled_at is null and name = any($1)",
                (Object) names.toArray(String[]::new))).isZero();
    }

    @Test
    void anOperatorsRetryCapturesTheDocumentAgainAndAStillBrokenOneOpensANewDeadLetter() {
        unprotect("Item");
        ObjectNode typed = item(itemGroup(), "still not a uuid");
        String name = typed.path("name").asText();
        captureByEvents("Item", List.of(typed), "first");
        long first = rows("select id from dead_letter where local_name = $1 and resolved_at is null", name).get(0)
                .getLong("id");

        deadLetters.retry(first, "alice", "the site says it is fixed").await().atMost(WAIT);
        drainEvents();

        assertThat(rows("select id, resolution from dead_letter where local_name = $1 order by id", name))
                .extracting(row -> row.getLong("id") == first
                        ? row.getString("resolution")
                        : "open " + row.getString(
                                "resolution"))
                .containsExactly("RETRIED", "open null");
    }

    @Test
    void envelopesCarryThePolicyVersionAndACaptureSequenceSharedByTheConsumersOfOneVersion() {
        ObjectNode created = item(itemGroup(), null);
        String name = created.path("name").asText();
        captureByEvents("Item", List.of(created), "first");
        ObjectNode changed = site.update("Item", name, JsonNodeFactory.instance.objectNode().put("description", "v2"))
                .await().atMost(WAIT);
        captureByEvents("Item", List.of(changed), "second");
        int policyVersion = ownership.policy().await().atMost(WAIT).path("version").asInt();

        List<Row> rows = rows("""
                select version, consumer, (envelope ->> 'sequence')::bigint as sequence,
                       (envelope ->> 'policyVersion')::int as policy_version
                  from outbox where envelope ->> 'sourceName' = $1 and doctype = 'Item' order by id""", name);

        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(row -> assertThat(row.getInteger("policy_version")).isEqualTo(policyVersion));
        long firstSequence = rows.get(0).getLong("sequence");
        long secondSequence = rows.get(2).getLong("sequence");
        assertThat(rows.get(1).getLong("sequence")).as("both consumers of one version").isEqualTo(firstSequence);
        assertThat(rows.get(3).getLong("sequence")).isEqualTo(secondSequence);
        assertThat(secondSequence).isGreaterThan(firstSequence);
        assertThat(rows.get(2).getString("version")).isEqualTo(changed.path("modified").asText());
    }

    @Test
    void aFailingDoctypeBacksOffAloneAndItsEventsWaitWhileOtherDoctypesAreCaptured() {
        ObjectNode item = item(itemGroup(), null);
        String order = "SO-" + UUID.randomUUID().toString().substring(0, 8);
        take("Sales Order", order, "2026-12-01 10:00:00", "refused");
        take("Item", item.path("name").asText(), item.path("modified").asText(), "fine");

        capture.lanes(webhookEvents).await().atMost(WAIT);
        Row refused = rows("select attempts, next_attempt_at, last_error, handled_at from inbound_event where name = $1",
                order).get(0);
        capture.lanes(webhookEvents).await().atMost(WAIT); // at once again: the event waits for its own next attempt

        assertThat(queued(List.of(item.path("name").asText()))).hasSize(2);
        assertThat(refused.getOffsetDateTime("handled_at")).isNull();
        assertThat(refused.getInteger("attempts")).isEqualTo(1);
        assertThat(refused.getString("last_error")).containsIgnoringCase("permission");
        // the test profile's first backoff is 30 s, with jitter at least 15 s
        assertThat(refused.getOffsetDateTime("next_attempt_at")).isAfter(OffsetDateTime.now().plusSeconds(10));
        assertThat(rows("select attempts from inbound_event where name = $1", order).get(0).getInteger("attempts"))
                .isEqualTo(1);
    }

    @Test
    void aCaptureThatLostItsLeaseQueuesNothing() {
        String name = item(itemGroup(), null).path("name").asText();
        Leases otherReplica = new Leases(pool, new WorkerIdentity());
        List<Long> theirFence = new ArrayList<>();

        // this capture pauses past its lease, and another replica takes the doctype over meanwhile; the holder's
        // renewal may extend the lease between the two statements, so the takeover is tried until it happens
        Uni<Long> takeover = Uni.createFrom().deferred(() -> pool
                .preparedQuery("update lease set until = now() - interval '1 second' where name = 'capture:Item'")
                .execute()
                .flatMap(x -> otherReplica.acquire("capture:Item", Duration.ofSeconds(30)))
                .map(Optional::orElseThrow))
                .onFailure(NoSuchElementException.class).retry().atMost(10);
        assertThatThrownBy(() -> leases.run("Item", 0, held -> takeover
                .invoke(theirFence::add)
                .flatMap(x -> pipeline.capture(held, List.of(name))).replaceWith(1))
                .await().atMost(WAIT)).isInstanceOf(CaptureLease.LeaseLostException.class);

        otherReplica.release("capture:Item", theirFence.get(0)).await().atMost(WAIT);
        assertThat(queued(List.of(name))).isEmpty();
    }

    @Test
    void aDependencyIsCapturedUnderItsOwnDoctypesLeaseAndQueuedBeforeItsDependant() {
        String group = itemGroup();
        ObjectNode item = item(group, null);

        captureByEvents("Item", List.of(item), "dependency");

        List<Row> rows = rows("""
                select doctype, envelope ->> 'sourceName' as name, (envelope ->> 'sequence')::bigint as sequence
                  from outbox where consumer = 'north' and envelope ->> 'sourceName' = any($1) order by id""",
                (Object) new String[]{group, item.path("name").asText()});
        assertThat(rows).extracting(row -> row.getString("doctype") + " " + row.getString("name"))
                .containsExactly("Item Group " + group, "Item " + item.path("name").asText());
        assertThat(rows.get(0).getLong("sequence")).isLessThan(rows.get(1).getLong("sequence"));
        assertThat(count("select count(*) from lease where name = 'capture:Item Group' and fence > 0")).isEqualTo(1);
    }

    @Test
    void theSitesTimeZoneComesFromTheSiteAndDatesItsChanges() {
        assumeTrue(siteTellsItsZone(), "this frappe-sim does not answer frappe.client.get_time_zone yet");
        ObjectNode item = item(itemGroup(), null);

        captureByEvents("Item", List.of(item), "zone");

        assertThat(zone.current().await().atMost(WAIT)).isEqualTo(ZoneId.of(SourceStackResource.SIM_ZONE));
        OffsetDateTime changedAt = rows("select changed_at from outbox where envelope ->> 'sourceName' = $1",
                item.path("name").asText()).get(0).getOffsetDateTime("changed_at");
        assertThat(changedAt.toInstant()).isEqualTo(FrappeDateTimes.toInstant(item.path("modified").asText(),
                ZoneId.of(SourceStackResource.SIM_ZONE)));
    }

    @Test
    void metaIsReadAgainOnceInvalidatedSoALinkAddedOnTheSiteBecomesADependency() {
        String field = "sitesync_test_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(metas.of("Item").await().atMost(WAIT).links()).doesNotContainKey(field);
        site.createCustomField(new CustomFieldSpec("Item", field, "Test link", "Link", "Item Group", null, false, false,
                false)).await().atMost(WAIT);

        Map<String, String> cached = metas.of("Item").await().atMost(WAIT).links();
        metas.invalidate("Item");
        Map<String, String> fresh = metas.of("Item").await().atMost(WAIT).links();

        assertThat(cached).doesNotContainKey(field);
        assertThat(fresh).containsEntry(field, "Item Group");
    }

    @Test
    void metaOlderThanItsMaximumAgeIsReadAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        MetaCache cache = new MetaCache(site, Duration.ofMinutes(5), clock);
        String field = "sitesync_test_" + UUID.randomUUID().toString().substring(0, 8);
        cache.of("Item").await().atMost(WAIT);
        site.createCustomField(new CustomFieldSpec("Item", field, "Test link", "Link", "Item Group", null, false, false,
                false)).await().atMost(WAIT);

        clock.advance(Duration.ofMinutes(4));
        Map<String, String> young = cache.of("Item").await().atMost(WAIT).links();
        clock.advance(Duration.ofMinutes(2));
        Map<String, String> old = cache.of("Item").await().atMost(WAIT).links();

        assertThat(young).doesNotContainKey(field);
        assertThat(old).containsEntry(field, "Item Group");
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Whether the simulator answers frappe.client.get_time_zone, as ERPNext does (older builds of it do not). */
    private boolean siteTellsItsZone() {
        return site.timeZone().map(zone -> true)
                .onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.NOT_FOUND)
                .recoverWithItem(false).await().atMost(WAIT);
    }

    /** Takes a webhook event per document (as the gateway hands them over) and drains the events. */
    private void captureByEvents(String doctype, List<ObjectNode> documents, String delivery) {
        documents.forEach(document -> take(doctype, document.path("name").asText(), document.path("modified").asText(),
                delivery));
        drainEvents();
    }

    private void take(String doctype, String name, String modified, String delivery) {
        events.take(new WebhookEvent(SourceStackResource.SITE, doctype, name, modified, sha256(name + delivery),
                "on_update", null), null).await().atMost(WAIT);
    }

    /** Runs event lanes until no event is due now (those backing off wait for later). */
    private void drainEvents() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            capture.lanes(webhookEvents).await().atMost(WAIT);
            return count("select count(*) from inbound_event where handled_at is null and next_attempt_at <= now()") == 0;
        });
    }

    private String itemGroup() {
        String name = "Tools " + UUID.randomUUID().toString().substring(0, 8);
        site.insert("Item Group", JsonNodeFactory.instance.objectNode().put("item_group_name", name)
                .put("parent_item_group", "All Item Groups")).await().atMost(WAIT);
        return name;
    }

    private ObjectNode item(String group, String externalId) {
        ObjectNode item = JsonNodeFactory.instance.objectNode()
                .put("item_code", "SRC-" + UUID.randomUUID().toString().substring(0, 8)).put("item_name", "Bolt")
                .put("item_group", group).put("stock_uom", "Nos").put("valuation_rate", 2.5);
        if (externalId != null) {
            item.put(CarriedExternalIds.FIELD, externalId);
        }
        return site.insert("Item", item).await().atMost(WAIT);
    }

    /** The field as it was before onboarding protected it: typed in, copied with the document, not unique. */
    private void unprotect(String doctype) {
        Optional<ObjectNode> existing = customField(doctype);
        if (existing.isEmpty()) {
            site.createCustomField(CustomFieldSpec.data(doctype, CarriedExternalIds.FIELD, "SiteSync External ID"))
                    .await().atMost(WAIT);
            return;
        }
        site.update("Custom Field", existing.get().path("name").asText(), JsonNodeFactory.instance.objectNode()
                .put("read_only", 0).put("unique", 0).put("no_copy", 0)).await().atMost(WAIT);
    }

    private Optional<ObjectNode> customField(String doctype) {
        return site.list(ListQuery.of("Custom Field").fields("name", "read_only", "unique", "no_copy")
                .where(Filter.eq("dt", doctype), Filter.eq("fieldname", CarriedExternalIds.FIELD)))
                .await().atMost(WAIT).stream().findFirst();
    }

    private List<String> deadLetters(List<String> names) {
        return rows("""
                select local_name, reason, version from dead_letter
                 where task_id is null and doctype = 'Item' and local_name = any($1)""",
                (Object) names.toArray(String[]::new)).stream()
                .map(row -> row.getString("local_name") + " " + row.getString("reason") + " " + row.getString("version"))
                .toList();
    }

    private List<String> queued(List<String> names) {
        return rows("select envelope ->> 'sourceName' as name, consumer from outbox where doctype = 'Item'"
                + " and envelope ->> 'sourceName' = any($1)", (Object) names.toArray(String[]::new)).stream()
                .map(row -> row.getString("name") + " " + row.getString("consumer")).toList();
    }

    private long count(String sql, Object... arguments) {
        return rows(sql, arguments).get(0).getLong(0);
    }

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
