package dev.sitesync.worker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.ResolveResponse;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.Operation;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/**
 * What the worker's REST clients really send and how they take the answers: the change's traceparent arrives as it
 * was given (the client's own tracing does not replace it), every call carries the worker's token, resolve is cut
 * into requests of at most 1,000 keys, reads are asked again after a brief unavailability, refusals keep their
 * status, and a service that keeps failing opens its circuit.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RecordingServiceResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ServiceClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IdentityClient identities;

    @Inject
    OwnershipClient ownership;

    @Inject
    PeerClient peers;

    private RecordingService service;

    @BeforeEach
    void freshRecording() {
        service = RecordingServiceResource.service();
        service.reset();
        service.handle("POST", "/api/v1/identities/resolve", ServiceClientsTest::resolved);
        service.answer("POST", "/api/v1/decisions", new RecordingService.Answer(200,
                "{\"policyVersion\": 4, \"sitesVersion\": 1, \"decisions\": [{\"outcome\": \"REFUSE\","
                        + " \"reason\": \"NEVER_SYNC\", \"detail\": \"a ledger\"}]}"));
        service.answer("POST", "/internal/v1/envelope-batches", new RecordingService.Answer(202,
                "[{\"inboxId\": 1, \"duplicate\": false}]"));
    }

    @Test
    void aCallMadeForAChangeCarriesThatChangesTraceparentAsItWasGiven() {
        identities.resolve(List.of(new IdentityKey("central", "Item", "ITEM-1")), true, TRACEPARENT).await().atMost(WAIT);
        ownership.decide(List.of(new DecisionItem("central", "GL Entry", Map.of(), Operation.UPSERT)), TRACEPARENT)
                .await().atMost(WAIT);
        peers.deliverAll("north", List.of(Map.of("externalId", UUID.randomUUID().toString())), TRACEPARENT)
                .await().atMost(WAIT);

        assertThat(service.requests("POST", "/api/v1/identities/resolve")).singleElement()
                .extracting(request -> request.header("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(service.requests("POST", "/api/v1/decisions")).singleElement()
                .extracting(request -> request.header("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(service.requests("POST", "/internal/v1/envelope-batches")).singleElement()
                .extracting(request -> request.header("traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void aCallMadeForNoChangeCarriesNoTraceparent() {
        identities.resolve(List.of(new IdentityKey("central", "Item", "ITEM-1")), false).await().atMost(WAIT);

        assertThat(service.requests("POST", "/api/v1/identities/resolve")).singleElement()
                .extracting(request -> request.header("traceparent")).isNull();
    }

    @Test
    void everyCallCarriesTheWorkersClientCredentialsToken() {
        identities.resolve(List.of(new IdentityKey("central", "Item", "ITEM-1")), true, null).await().atMost(WAIT);
        peers.deliverAll("north", List.of(Map.of("externalId", UUID.randomUUID().toString())), null)
                .await().atMost(WAIT);

        assertThat(service.requests("POST", "/api/v1/identities/resolve").get(0).header("Authorization"))
                .startsWith("Bearer ey");
        assertThat(service.requests("POST", "/internal/v1/envelope-batches").get(0).header("Authorization"))
                .startsWith("Bearer ey");
    }

    @Test
    void resolveAsksAtMostAThousandKeysPerRequestAndAnswersEveryKeyInOrder() {
        List<IdentityKey> keys = IntStream.range(0, 2_500).mapToObj(i -> new IdentityKey("central", "Item", "ITEM-" + i))
                .toList();

        ResolveResponse response = identities.resolve(keys, true, TRACEPARENT).await().atMost(WAIT);

        assertThat(service.requests("POST", "/api/v1/identities/resolve")).extracting(request -> items(request).size())
                .containsExactly(1_000, 1_000, 500);
        assertThat(response.results()).extracting(ResolveResult::localName)
                .containsExactlyElementsOf(keys.stream().map(IdentityKey::localName).toList());
    }

    @Test
    void aReadIsAskedAgainWhenTheServiceIsBrieflyUnavailable() {
        service.answer("GET", "/api/v1/policy", new RecordingService.Answer(503, "{\"title\":\"restarting\"}"),
                new RecordingService.Answer(503, "{\"title\":\"restarting\"}"),
                new RecordingService.Answer(200, "{\"version\": 3, \"policy\": {\"domains\": []}}"));

        JsonNode policy = ownership.policy().await().atMost(WAIT);

        assertThat(policy.path("version").asInt()).isEqualTo(3);
        assertThat(service.requests("GET", "/api/v1/policy")).hasSize(3);
    }

    @Test
    void aRefusalIsNotAskedAgainAndKeepsItsStatus() {
        service.answer("POST", "/api/v1/decisions", new RecordingService.Answer(400,
                "{\"type\":\"https://sitesync.dev/problems/invalid-request\",\"title\":\"The request is invalid\"}"));

        assertThatThrownBy(() -> ownership.decide(List.of(new DecisionItem("central", "Item", Map.of(),
                Operation.UPSERT))).await().atMost(WAIT))
                .isInstanceOfSatisfying(ServiceCallException.class, failure -> {
                    assertThat(failure).isNotInstanceOf(ServiceUnavailableException.class);
                    assertThat(failure.status()).isEqualTo(400);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("ownership-service decide", "400", "invalid-request");
                });
        assertThat(service.requests("POST", "/api/v1/decisions")).hasSize(1);
    }

    @Test
    void anIdentityTheServiceDoesNotKnowIsEmpty() {
        UUID unknown = UUID.randomUUID();

        assertThat(identities.get(unknown).await().atMost(WAIT)).isEmpty();
        assertThat(service.requests("GET", "/api/v1/identities/" + unknown)).hasSize(1);
    }

    @Test
    void aPeerThatRefusesConnectionsIsUnavailableNotRefusing() {
        assertThatThrownBy(() -> peers.deliverAll("south", List.of(Map.of("externalId", "x")), TRACEPARENT)
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, failure -> {
                    assertThat(failure.status()).isZero();
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("south's worker");
                });
    }

    @Test
    void aServiceThatKeepsFailingOpensItsCircuitAndIsNoLongerCalled() {
        UUID id = UUID.randomUUID();
        String path = "/api/v1/identities/" + id + "/links/central";
        service.handle("PUT", path, request -> new RecordingService.Answer(503, "{\"title\":\"down\"}"));
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            try {
                identities.link(id, "central", "ITEM-1").await().atMost(WAIT);
            } catch (RuntimeException failure) {
                failures.add(failure);
            }
        }

        assertThat(failures).hasSize(25).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ServiceUnavailableException.class));
        assertThat(service.requests("PUT", path)).hasSizeLessThan(25);
        assertThat(failures.get(24).getMessage()).containsIgnoringCase("circuit");
    }

    private static List<JsonNode> items(RecordingService.Request request) {
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(request.body()).path("items").forEach(items::add);
            return items;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** identity-service's answer shape: one result per key, in order. */
    private static RecordingService.Answer resolved(RecordingService.Request request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (JsonNode item : items(request)) {
            results.addObject().put("site", item.path("site").asText()).put("doctype", item.path("doctype").asText())
                    .put("localName", item.path("localName").asText())
                    .put("externalId", UUID.nameUUIDFromBytes(item.toString().getBytes()).toString()).put("created", false);
        }
        return new RecordingService.Answer(200, body.toString());
    }
}
