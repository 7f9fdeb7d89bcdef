package dev.sitesync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.gateway.domain.ReplayKey;
import dev.sitesync.gateway.peers.Peers;
import dev.sitesync.gateway.peers.PeersResource;
import dev.sitesync.gateway.peers.RecordingServer;
import dev.sitesync.gateway.peers.RecordingServer.Received;

/** {@code POST /hooks/{site}}: who may send, what must match, and what reaches the site's worker. */
@QuarkusTest
class WebhookTest extends GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    java.net.URL gateway;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void workerAccepts() {
        peers().workerAccepts();
        peers().worker().clear();
    }

    @AfterEach
    void workerAcceptsAgain() {
        peers().workerAccepts();
    }

    @Test
    void aSignedV15WebhookIsHandedToTheWorkerAndAccepted() throws Exception {
        webhook(PeersResource.CENTRAL_SECRET, V15_BODY).when().post("/hooks/central?event=on_update")
                .then().statusCode(202).body("outcome", equalTo("accepted"));

        Received forwarded = onlyEvent();
        JsonNode event = JSON.readTree(forwarded.body());
        assertThat(event.get("site").asText()).isEqualTo("central");
        assertThat(event.get("doctype").asText()).isEqualTo("Sales Order");
        assertThat(event.get("name").asText()).isEqualTo("SAL-ORD-2024-00042");
        assertThat(event.get("modified").asText()).isEqualTo("2024-01-05 10:11:12.123456");
        assertThat(event.get("docEvent").asText()).isEqualTo("on_update");
        assertThat(event.get("bodySha256").asText())
                .isEqualTo(ReplayKey.sha256Hex(V15_BODY.getBytes(StandardCharsets.UTF_8)));
        assertThat(Peers.rolesOf(forwarded.header("Authorization"))).contains("gateway");
        assertThat(forwarded.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void aSignedDevelopWebhookVerifiesOverItsRawBytesToo() {
        webhook(PeersResource.CENTRAL_SECRET, DEVELOP_BODY).when().post("/hooks/central")
                .then().statusCode(202);

        assertThat(onlyEvent().bodyText()).contains("\"modified\":\"2024-01-05 10:11:12.123457\"");
    }

    @Test
    void theWorkedExampleSignatureVerifiesAndItsBodyIsThenRefusedForLackingADoctype() {
        String body = "{\"name\": \"SAL-ORD-2024-00042\", \"customer\": \"Acme Corp\", \"grand_total\": 1180.0, "
                + "\"docstatus\": 1, \"modified\": \"2024-01-05 10:11:12.123456\"}";
        given().header(WebhookSignature.HEADER, "HpBE98LOdnK/mtIObvq3R9MMbkn0x5NEbsgkpXvO3FU=")
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/hooks/central")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "invalid-request"), "detail", containsString("doctype"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void aWebhookWithoutSignatureIsRefused() {
        given().body(itemBody(unique()).getBytes(StandardCharsets.UTF_8)).when().post("/hooks/central")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-signature"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefused() {
        webhook("not-the-site-secret", itemBody(unique())).when().post("/hooks/central")
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-signature"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void aWebhookWhoseBodyWasAlteredAfterSigningIsRefused() {
        String body = itemBody(unique());
        given().header(WebhookSignature.HEADER, sign(PeersResource.CENTRAL_SECRET, body))
                .body(body.replace("Products", "Services").getBytes(StandardCharsets.UTF_8))
                .when().post("/hooks/central").then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-signature"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void anotherSitesSignatureDoesNotOpenThisSite() {
        webhook(PeersResource.OTHER_SECRET, itemBody(unique())).when().post("/hooks/central")
                .then().statusCode(401);
    }

    @Test
    void aRightSignatureFromOutsideTheSitesRangesIsRefused() {
        webhook(PeersResource.NORTH_SECRET, itemBody(unique())).when().post("/hooks/north")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "ip-not-allowed"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        webhook(PeersResource.NORTH_SECRET, itemBody(unique())).header("X-Forwarded-For", "10.0.1.7")
                .header("X-Real-IP", "10.0.1.7").header("Forwarded", "for=10.0.1.7").when().post("/hooks/north")
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "ip-not-allowed"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void theTrustedIngressNamesTheClientInItsLastForwardedForHop() throws Exception {
        String body = itemBody(unique());
        RawHttp.Response inRange = RawHttp.send(PeersResource.TRUSTED_PROXY, gateway.getPort(), "POST", "/hooks/north",
                Map.of(WebhookSignature.HEADER, sign(PeersResource.NORTH_SECRET, body),
                        "X-Forwarded-For", "10.0.1.99, 10.0.1.7"),
                body.getBytes(StandardCharsets.UTF_8));
        RawHttp.Response spoofedFirstHop = RawHttp.send(PeersResource.TRUSTED_PROXY, gateway.getPort(), "POST",
                "/hooks/north", Map.of(WebhookSignature.HEADER, sign(PeersResource.NORTH_SECRET, itemBody(unique())),
                        "X-Forwarded-For", "10.0.1.7, 192.0.2.1"),
                itemBody(unique()).getBytes(StandardCharsets.UTF_8));

        assertThat(inRange.status()).isEqualTo(202);
        assertThat(spoofedFirstHop.status()).isEqualTo(403);
    }

    @Test
    void anUnknownSiteIsNotFound() {
        webhook(PeersResource.CENTRAL_SECRET, itemBody(unique())).when().post("/hooks/atlantis")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void aPausedSiteTakesNoWebhooks() {
        webhook(PeersResource.OTHER_SECRET, itemBody(unique())).when().post("/hooks/paused")
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "site-inactive"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void aSiteWithoutAConfiguredSecretFailsClosed() {
        webhook("anything", itemBody(unique())).when().post("/hooks/nosecret")
                .then().statusCode(503).body("type", equalTo(PROBLEMS + "unavailable"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void anOversizedDeclaredBodyIsRefusedBeforeItIsRead() {
        String body = itemBody("x".repeat(70 * 1024));
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "payload-too-large"));
    }

    @Test
    void anOversizedChunkedBodyIsCutOff() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(gateway.toURI().resolve("/hooks/central"))
                .header(WebhookSignature.HEADER, "AAAA")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(java.util.Collections.nCopies(8,
                                new java.io.ByteArrayInputStream(chunk)).stream()
                                .map(in -> (java.io.InputStream) new java.io.ByteArrayInputStream(chunk)).toList()))))
                .build();

        java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains(PROBLEMS + "payload-too-large");
    }

    @Test
    void aSignedBodyThatIsNotJsonIsMalformed() {
        webhook(PeersResource.CENTRAL_SECRET, "{\"doctype\": \"Item\", \"name\": ").when().post("/hooks/central")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "malformed-json"));
        assertThat(peers().worker().received()).isEmpty();
    }

    @Test
    void aSignedBodyWithDuplicateKeysIsMalformed() {
        String body = "{\"doctype\": \"Item\", \"name\": \"A\", \"name\": \"B\", \"modified\": \"2024-03-01 09:00:00\"}";
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @Test
    void aReplayedWebhookIsAnsweredAsADuplicateAndQueuesNothingNew() {
        String body = itemBody(unique());
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central").then().statusCode(202);
        int committed = peers().committedEvents();

        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central")
                .then().statusCode(200).body("outcome", equalTo("duplicate"));

        assertThat(peers().committedEvents()).as("the worker's intake keeps one event per replay key")
                .isEqualTo(committed);
    }

    @Test
    void aWebhookSignedWithThePreviousSecretIsTakenDuringARotation() {
        webhook(PeersResource.CENTRAL_PREVIOUS_SECRET, itemBody(unique())).when().post("/hooks/central").then()
                .statusCode(202);
        webhook("a-secret-never-configured", itemBody(unique())).when().post("/hooks/central").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-signature"));
    }

    @Test
    void aNewVersionOfTheSameDocumentIsNotAReplay() {
        String name = unique();
        webhook(PeersResource.CENTRAL_SECRET, itemBody(name)).when().post("/hooks/central").then().statusCode(202);

        webhook(PeersResource.CENTRAL_SECRET, itemBody(name).replace("09:00:00.000001", "09:00:01.000000"))
                .when().post("/hooks/central").then().statusCode(202);
    }

    @Test
    void whenTheWorkerCannotCommitTheSenderIsToldToRetryAndItsRetryIsTaken() {
        String body = itemBody(unique());
        peers().workerFails();
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central")
                .then().statusCode(503).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "unavailable"))
                .body("detail", org.hamcrest.Matchers.not(containsString("127.0.0.1")));

        peers().workerAccepts();
        webhook(PeersResource.CENTRAL_SECRET, body).when().post("/hooks/central")
                .then().statusCode(202).body("outcome", equalTo("accepted"));
    }

    @Test
    void webhooksArrivingWhileOneIsHandedOnGoToTheWorkerTogetherEachWithItsOwnTrace() throws Exception {
        CountDownLatch release = peers().workerHoldsSingleEvents();
        List<String> names = List.of(unique(), unique(), unique(), unique());

        assertThat(sendWhileTheFirstIsHeld(release, names, () -> {
        })).containsOnly(202);

        List<Received> batches = peers().worker().receivedOn("/internal/v1/event-batches");
        assertThat(batches).hasSize(1);
        JsonNode batch = JSON.readTree(batches.get(0).body());
        assertThat(batch).hasSize(3);
        List<String> handedOn = new java.util.ArrayList<>();
        List<String> traces = new java.util.ArrayList<>();
        batch.forEach(event -> {
            handedOn.add(event.path("name").asText());
            traces.add(event.path("traceparent").asText());
        });
        assertThat(handedOn).containsExactlyInAnyOrderElementsOf(names.subList(1, names.size()));
        assertThat(traces).allMatch(trace -> trace.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"))
                .doesNotHaveDuplicates();
        assertThat(Peers.rolesOf(batches.get(0).header("Authorization"))).contains("gateway");
    }

    @Test
    void aBatchTheWorkerRefusesIsHandedOnAgainOneEventAtATime() throws Exception {
        CountDownLatch release = peers().workerHoldsSingleEvents();
        peers().worker().respondWith(request -> request.path().equals("/internal/v1/event-batches")
                ? RecordingServer.Answer.json(404, "{}")
                : peers().workerHoldsSingleEventsAnswer(request, release));

        assertThat(sendWhileTheFirstIsHeld(release, List.of(unique(), unique(), unique()), () -> {
        })).containsOnly(202);

        // an older worker, without the batch endpoint: the batch was tried, then each of its events alone
        assertThat(peers().worker().receivedOn("/internal/v1/event-batches")).hasSize(1);
        assertThat(peers().worker().receivedOn("/internal/v1/events")).hasSize(3);
    }

    @Test
    void whenTheWorkerIsDownEveryWebhookOfTheBatchIsToldToRetry() throws Exception {
        CountDownLatch release = peers().workerHoldsSingleEvents();

        assertThat(sendWhileTheFirstIsHeld(release, List.of(unique(), unique(), unique()), peers()::workerFails))
                .containsExactly(202, 503, 503);

        // the batch failed as a whole: its events were not each asked again of a worker that is down
        assertThat(peers().worker().receivedOn("/internal/v1/event-batches")).hasSize(1);
        assertThat(peers().worker().receivedOn("/internal/v1/events")).hasSize(1);
    }

    /**
     * Sends the first webhook and, once the worker holds it, the others, which wait behind that hand-over; then runs
     * {@code beforeRelease} and lets the worker answer. The statuses the senders got, in the names' order.
     */
    private List<Integer> sendWhileTheFirstIsHeld(CountDownLatch release, List<String> names, Runnable beforeRelease)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(names.size());
        try {
            Future<Integer> first = senders.submit(() -> send(names.get(0)));
            await().atMost(WAIT).until(() -> peers().worker().receivedOn("/internal/v1/events").size() == 1);
            List<Future<Integer>> later = names.subList(1, names.size()).stream()
                    .map(name -> senders.submit(() -> send(name))).toList();
            await().atMost(WAIT).until(() -> waiting("central") == later.size());
            beforeRelease.run();
            release.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            statuses.add(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            for (Future<Integer> sent : later) {
                statuses.add(sent.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            release.countDown();
            senders.shutdownNow();
        }
    }

    private static int send(String name) {
        return webhook(PeersResource.CENTRAL_SECRET, itemBody(name)).when().post("/hooks/central").then().extract()
                .statusCode();
    }

    private double waiting(String site) {
        Gauge gauge = registry.find("sitesync.gateway.webhooks.waiting").tag("site", site).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void onlyPostIsAllowed() {
        given().when().get("/hooks/central").then().statusCode(405).header("Allow", "POST")
                .contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }

    private static Received onlyEvent() {
        List<Received> events = peers().worker().receivedOn("/internal/v1/events");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String unique() {
        return "ITEM-" + UUID.randomUUID();
    }
}
