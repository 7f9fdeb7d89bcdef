package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.contracts.ownership.DataClass;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.sync.ChangeEnvelope;

/** The planner as a table: documents, decisions and what consumers last received in; envelopes and log rows out. */
class EnvelopePlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ITEM = UUID.fromString("0190a0b0-0000-7000-8000-000000000001");
    private static final UUID GROUP = UUID.fromString("0190a0b0-0000-7000-8000-000000000002");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant CAPTURED = Instant.parse("2026-12-01T09:00:05Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static ObjectNode item(String description) {
        ObjectNode item = JSON.createObjectNode().put("name", "ITEM-1").put("modified", "2026-12-01 10:00:00.250000")
                .put("modified_by", "alice@central").put("item_name", "Bolt").put("item_group", "Hardware")
                .put("description", description).put("valuation_rate", 12.5);
        return item;
    }

    private static Decision allow(Decision.Target... targets) {
        return new Decision(Decision.Outcome.ALLOW, null, null, DataClass.MASTER, "central", List.of(targets), List.of(),
                null);
    }

    private static Decision.Target to(String site, List<String> excluded, List<String> local) {
        return new Decision.Target(site, excluded, local);
    }

    private static EnvelopePlanner.Plan plan(ObjectNode document, Decision decision, Map<String, String> sentBySite) {
        EnvelopePlanner planner = new EnvelopePlanner("central", 7, BERLIN, CAPTURED);
        EnvelopePlanner.Candidate candidate = new EnvelopePlanner.Candidate(document, ITEM, decision,
                List.of(new ChangeEnvelope.LinkDependency("item_group", "Item Group", GROUP)), TRACEPARENT);
        return planner.plan("Item", List.of(candidate), (id, consumer) -> id.equals(ITEM) ? sentBySite.get(consumer) : null);
    }

    static Stream<Arguments> rows() {
        ObjectNode document = item("M6 bolt");
        String fullHash = ContentHash.of(document);
        ObjectNode withoutRate = ContentHash.normalize(document);
        withoutRate.remove("valuation_rate");
        String reducedHash = ContentHash.of(withoutRate);
        return Stream.of(
                // consumers' targets, what each last received -> consumers that get an envelope, unchanged pairs
                Arguments.of(List.of(to("north", null, null)), Map.of(), List.of("north"), 0),
                Arguments.of(List.of(to("north", null, null), to("south", null, null)), Map.of("north", fullHash),
                        List.of("south"), 1),
                Arguments.of(List.of(to("north", null, null)), Map.of("north", "0".repeat(64)), List.of("north"), 0),
                Arguments.of(List.of(to("north", List.of("valuation_rate"), null)), Map.of("north", reducedHash),
                        List.of(), 1),
                Arguments.of(List.of(to("north", List.of("valuation_rate"), null)), Map.of("north", fullHash),
                        List.of("north"), 0),
                Arguments.of(List.of(), Map.of(), List.of(), 0));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachConsumerGetsTheDocumentUnlessItAlreadyHasThisContent(List<Decision.Target> targets,
            Map<String, String> sent, List<String> expected, int unchanged) {
        EnvelopePlanner.Plan plan = plan(item("M6 bolt"), allow(targets.toArray(Decision.Target[]::new)),
                new HashMap<>(sent));

        assertThat(plan.envelopes()).extracting(ChangeEnvelope::targetSite).containsExactlyElementsOf(expected);
        assertThat(plan.audit()).extracting(AuditEntry::targetSite).containsExactlyElementsOf(expected);
        assertThat(plan.unchanged()).isEqualTo(unchanged);
    }

    @Test
    void anEnvelopeCarriesThePayloadItsConsumerMayReceiveWithItsHashPolicyVersionAndChangeTime() {
        EnvelopePlanner.Plan plan = plan(item("M6 bolt"),
                allow(to("north", List.of("valuation_rate"), List.of("description"))), Map.of());

        ChangeEnvelope envelope = plan.envelopes().get(0);
        assertThat(envelope.payload().has("valuation_rate")).isFalse();
        assertThat(envelope.payload().has("modified")).isFalse();
        assertThat(envelope.payload().path("item_name").asText()).isEqualTo("Bolt");
        assertThat(envelope.contentHash()).isEqualTo(ContentHash.of(envelope.payload()));
        assertThat(envelope.policyVersion()).isEqualTo(7);
        assertThat(envelope.localFields()).containsExactly("description");
        assertThat(envelope.dependencies()).containsExactly(new ChangeEnvelope.LinkDependency("item_group",
                "Item Group", GROUP));
        assertThat(envelope.version()).isEqualTo("2026-12-01 10:00:00.250000");
        assertThat(envelope.changedAt()).isEqualTo(OffsetDateTime.parse("2026-12-01T09:00:00.250Z"));
        assertThat(envelope.sequence()).as("numbered when queued").isNull();
        assertThat(envelope.traceparent()).isEqualTo(TRACEPARENT);
    }

    @Test
    void eachEnvelopeIsLoggedAsQueuedInItsTrace() {
        EnvelopePlanner.Plan plan = plan(item("M6 bolt"), allow(to("north", null, null)), Map.of());

        AuditEntry entry = plan.audit().get(0);
        assertThat(entry.status()).isEqualTo(SyncStatus.QUEUED);
        assertThat(entry.externalId()).isEqualTo(ITEM);
        assertThat(entry.sourceSite()).isEqualTo("central");
        assertThat(entry.localName()).isEqualTo("ITEM-1");
        assertThat(entry.payloadHash()).isEqualTo(plan.envelopes().get(0).contentHash());
        assertThat(entry.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(entry.at()).isEqualTo(CAPTURED);
    }

    @Test
    void aDeleteCarriesTheDeletedHashAndNoPayload() {
        ChangeEnvelope delete = new EnvelopePlanner("central", 7, BERLIN, CAPTURED).delete(ITEM, "Item", "ITEM-1",
                "north", "2026-12-01 10:00:03");

        assertThat(delete.operation()).isEqualTo(ChangeEnvelope.Operation.DELETE);
        assertThat(delete.contentHash()).isEqualTo(ContentHash.DELETED);
        assertThat(delete.payload()).isNull();
        assertThat(delete.policyVersion()).isEqualTo(7);
        assertThat(delete.changedAt()).isEqualTo(OffsetDateTime.parse("2026-12-01T09:00:03Z"));
    }
}
