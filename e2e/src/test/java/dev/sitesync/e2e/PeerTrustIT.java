package dev.sitesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackSites;

/**
 * Trust between workers on the running stack, with Keycloak's tokens: north's worker cannot pass its envelopes off as
 * central's, nor send a ledger; identity-service does not let it link documents on another site. Each refusal is
 * problem+json, the consumer's sync log names the real sender, and nothing is written.
 */
@ExtendWith(SharedStack.class)
@Order(5)
class PeerTrustIT {

    private static final String NOT_TRUSTED = "https://sitesync.dev/problems/envelope-not-trusted";
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void northsWorkerClaimingCentralsItemOrSendingALedgerIsRefusedAuditedAndNothingIsWritten() throws Exception {
        String code = "TRUST-" + unique();
        String item = externalId(StackSites.CENTRAL, "Item", code);
        ObjectNode forged = envelope(item, "Item", StackSites.CENTRAL, code,
                RunningStack.item(code, "Forged by north"));
        String entry = "ACC-GLE-" + unique();
        ObjectNode ledger = envelope(UUID.randomUUID().toString(), "GL Entry", StackSites.NORTH, entry,
                RunningStack.object().put("name", entry).put("account", "Cash - N").put("debit", 1_000_000));

        OpsApi.Answer claimed = send(forged);
        OpsApi.Answer ledgerSent = send(ledger);

        assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(403);
        assertThat(claimed.body().path("type").asText()).isEqualTo(NOT_TRUSTED);
        assertThat(claimed.body().path("detail").asText()).contains("'worker-central'", "'worker-north'");
        assertThat(ledgerSent.status()).as(ledgerSent.body().toString()).isEqualTo(403);
        assertThat(ledgerSent.body().path("type").asText()).isEqualTo(NOT_TRUSTED);
        assertThat(ledgerSent.body().path("detail").asText()).contains("GL Entry", "only MASTER doctypes");

        for (ObjectNode envelope : new ObjectNode[]{forged, ledger}) {
            String id = envelope.path("externalId").asText();
            assertThat(southCount("select count(*) from sync_log where external_id = '" + id
                    + "' and status = 'ENVELOPE_REFUSED' and detail like '%sent by client worker-north%'"))
                    .as("audited with the real sender").isEqualTo(1);
            assertThat(southCount("select count(*) from inbox where external_id = '" + id + "'"))
                    .as("nothing kept").isZero();
            assertThat(southCount("select count(*) from sync_log where external_id = '" + id
                    + "' and status = 'RECEIVED'")).isZero();
        }
        assertThat(world.count(StackSites.SOUTH, "Item", Filter.eq("item_code", code))).as("nothing written").isZero();
    }

    @Test
    void centralsOwnWorkerIsStillTaken() throws Exception {
        String code = "TRUST-" + unique();
        ObjectNode envelope = envelope(externalId(StackSites.CENTRAL, "Item", code), "Item", StackSites.CENTRAL, code,
                RunningStack.item(code, "Sent by central"));

        OpsApi.Answer answer = world.api.call("POST", world.workerUrl(StackSites.SOUTH) + "/internal/v1/envelopes",
                envelope.toString(), RunningStack.workerClient(StackSites.CENTRAL));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    }

    @Test
    void northsWorkerCannotLinkADocumentOnSouth() {
        String code = "TRUST-" + unique();
        String id = externalId(StackSites.CENTRAL, "Item", code);

        OpsApi.Answer answer = world.api.call("PUT", world.identityUrl() + "/api/v1/identities/" + id + "/links/south",
                "{\"localName\": \"" + code + "\"}", RunningStack.workerClient(StackSites.NORTH));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(403);
        assertThat(answer.body().path("type").asText()).isEqualTo("https://sitesync.dev/problems/site-not-callers");
        assertThat(answer.body().path("detail").asText()).contains("worker-south", "worker-north");
        assertThat(world.api.get(world.identityUrl() + "/api/v1/identities/" + id, RunningStack.SRE).path("links")
                .findValuesAsText("site")).doesNotContain(StackSites.SOUTH);
    }

    /** North's worker, with its own Keycloak token, posting to south's worker. */
    private static OpsApi.Answer send(ObjectNode envelope) {
        return world.api.call("POST", world.workerUrl(StackSites.SOUTH) + "/internal/v1/envelopes", envelope.toString(),
                RunningStack.workerClient(StackSites.NORTH));
    }

    private static ObjectNode envelope(String externalId, String doctype, String source, String name,
            ObjectNode payload) throws Exception {
        String version = "2030-01-01 00:00:01";
        ObjectNode envelope = RunningStack.object().put("externalId", externalId).put("doctype", doctype)
                .put("sourceSite", source).put("sourceName", name).put("targetSite", StackSites.SOUTH)
                .put("version", version).put("contentHash", sha256(payload + version)).put("operation", "UPSERT")
                .put("policyVersion", 1);
        envelope.set("payload", payload);
        return envelope;
    }

    private static String externalId(String site, String doctype, String name) {
        return world.api.post(world.identityUrl() + "/api/v1/identities/resolve",
                "{\"items\": [{\"site\": \"" + site + "\", \"doctype\": \"" + doctype + "\", \"localName\": \"" + name
                        + "\"}], \"assign\": true}",
                RunningStack.workerClient(site)).path("results").path(0).path("externalId").asText();
    }

    private static long southCount(String sql) throws Exception {
        return world.workerCount(StackSites.SOUTH, sql);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
