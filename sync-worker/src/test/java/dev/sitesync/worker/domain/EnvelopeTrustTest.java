package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/** Who may send a consumer what, as a table: the token's client, the claimed source, the doctype, and the verdict. */
class EnvelopeTrustTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            {"domains":[
              {"doctype":"Item","class":"MASTER","owner":"central"},
              {"doctype":"Customer","class":"MASTER","federated":{"field":"territory","owners":{"North":"north","South":"south"}}},
              {"doctype":"Sales Order","class":"REFERENCE_ONLY"},
              {"doctype":"Journal Entry","class":"NEVER"}]}""";

    private final EnvelopeTrust trust = new EnvelopeTrust("worker-{site}");

    @ParameterizedTest(name = "{0} sends {2} as {1} ({3}, {4}) -> {5}")
    @CsvSource(nullValues = "-", value = {
            // the owner's worker sends its masters
            "worker-central, central, Item,          UPSERT, -,     -",
            "worker-central, central, Item,          DELETE, -,     -",
            // a worker claiming another site's documents, whatever the doctype
            "worker-north,   central, Item,          UPSERT, -,     NOT_THE_SOURCE_WORKER",
            "worker-north,   south,   Customer,      UPSERT, South, NOT_THE_SOURCE_WORKER",
            "ops-admin,      central, Item,          UPSERT, -,     NOT_THE_SOURCE_WORKER",
            "central,        central, Item,          UPSERT, -,     NOT_THE_SOURCE_WORKER",
            // its own worker, but a doctype that never travels
            "worker-north,   north,   GL Entry,      UPSERT, -,     NOT_A_MASTER",
            "worker-north,   north,   Sales Order,   UPSERT, -,     NOT_A_MASTER",
            "worker-north,   north,   Journal Entry, UPSERT, -,     NOT_A_MASTER",
            // a master, but owned by another site
            "worker-north,   north,   Item,          UPSERT, -,     NOT_THE_OWNER",
            "worker-north,   north,   Item,          DELETE, -,     NOT_THE_OWNER",
            // federated: the document's scope value names its owner
            "worker-north,   north,   Customer,      UPSERT, North, -",
            "worker-south,   south,   Customer,      UPSERT, South, -",
            "worker-north,   north,   Customer,      UPSERT, South, NOT_THE_OWNER",
            "worker-north,   north,   Customer,      UPSERT, West,  NOT_THE_OWNER",
            "worker-north,   north,   Customer,      UPSERT, -,     NOT_THE_OWNER",
            "worker-north,   north,   Customer,      DELETE, -,     -",
            "worker-central, central, Customer,      DELETE, -,     NOT_THE_OWNER",
    })
    void anEnvelopeIsTakenOnlyFromTheOwnersWorkerForAMaster(String client, String source, String doctype,
            ChangeEnvelope.Operation operation, String territory, EnvelopeTrust.Refusal expected) throws Exception {
        SyncPolicy policy = SyncPolicy.fromJson(7, JSON.readTree(POLICY));

        Optional<EnvelopeTrust.Verdict> verdict = trust.judge(client, policy, envelope(source, doctype, operation,
                territory));

        assertThat(verdict.map(EnvelopeTrust.Verdict::refusal)).isEqualTo(Optional.ofNullable(expected));
        verdict.ifPresent(v -> assertThat(v.detail()).as("says what the envelope claimed").contains(doctype, source));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NOT_THE_SOURCE_WORKER | worker-north | central | Item     | client 'worker-central', but the token was issued to 'worker-north'",
            "NOT_A_MASTER          | worker-north | north   | GL Entry | under policy revision 7 GL Entry is not named (so NEVER)",
            "NOT_THE_OWNER         | worker-north | north   | Item     | under policy revision 7 Item is owned by 'central', not by 'north'",
    })
    void aRefusalNamesTheSenderThePolicyRevisionAndTheRealOwner(EnvelopeTrust.Refusal refusal, String client,
            String source, String doctype, String says) throws Exception {
        SyncPolicy policy = SyncPolicy.fromJson(7, JSON.readTree(POLICY));

        EnvelopeTrust.Verdict verdict = trust.judge(client, policy,
                envelope(source, doctype, ChangeEnvelope.Operation.UPSERT, null)).orElseThrow();

        assertThat(verdict.refusal()).isEqualTo(refusal);
        assertThat(verdict.detail()).contains(says);
    }

    private static ChangeEnvelope envelope(String source, String doctype, ChangeEnvelope.Operation operation,
            String territory) {
        ObjectNode payload = null;
        if (operation == ChangeEnvelope.Operation.UPSERT) {
            payload = JSON.createObjectNode().put("name", "DOC-1");
            if (territory != null) {
                payload.put("territory", territory);
            }
        }
        return new ChangeEnvelope(UUID.fromString("0190a0b0-0000-7000-8000-000000000009"), doctype, source, "DOC-1",
                "east", "2026-12-01 10:00:00.000000", "a".repeat(64), operation, payload, null, null, 7, null, null,
                null);
    }
}
