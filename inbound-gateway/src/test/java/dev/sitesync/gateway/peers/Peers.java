package dev.sitesync.gateway.peers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.gateway.peers.RecordingServer.Answer;
import dev.sitesync.gateway.peers.RecordingServer.Received;
import dev.sitesync.stack.oidc.LocalIssuer;

/**
 * The gateway's peers for tests, one set per JVM: the site registry (ownership-service's {@code GET /api/v1/sites}),
 * a sync-worker implementing the intake contract ({@code POST /internal/v1/events}, role gateway, 202 with a receipt
 * after commit) and an echoing service standing for identity-service, ownership-service and commerce-guard.
 */
public final class Peers {

    public static final String GATEWAY_CLIENT = "inbound-gateway";
    public static final String GATEWAY_SECRET = "gateway-client-secret";
    public static final String TOKEN_PATH = "/token";

    /** Sites the registry publishes: code, status, webhook ranges. */
    public static final String SITES = """
            [{"code":"central","name":"Central","baseUrl":"http://central.internal","status":"active",
              "webhookCidrs":["127.0.0.1/32"],"contacts":[],"credentialsSecret":"sitesync-site-central"},
             {"code":"north","name":"North","status":"active","webhookCidrs":["10.0.1.0/24"]},
             {"code":"paused","name":"Paused","status":"paused","webhookCidrs":["127.0.0.1/32"]},
             {"code":"limited","name":"Limited","status":"active","webhookCidrs":["127.0.0.1/32"]},
             {"code":"shared","name":"Shared","status":"active","webhookCidrs":["127.0.0.1/32"]},
             {"code":"nosecret","name":"No secret","status":"active","webhookCidrs":["127.0.0.1/32"]}]""";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who may read ownership-service's site list. */
    private static final Set<String> REGISTRY_READERS = Set.of("gateway", "sync-admin", "sync-worker", "sre", "auditor");

    private static Peers shared;

    private final RecordingServer registry;
    private final RecordingServer worker;
    private final RecordingServer services;
    private final AtomicLong eventIds = new AtomicLong();
    private final Map<String, Long> committed = new ConcurrentHashMap<>();

    private Peers() {
        registry = new RecordingServer("registry-stub", this::registry);
        worker = new RecordingServer("worker-stub", this::acceptEvents);
        services = new RecordingServer("service-stub", Peers::echo);
    }

    public static synchronized Peers shared() {
        if (shared == null) {
            shared = new Peers();
        }
        return shared;
    }

    public RecordingServer registry() {
        return registry;
    }

    public RecordingServer worker() {
        return worker;
    }

    public RecordingServer services() {
        return services;
    }

    /** The worker commits every event and answers 202 with a receipt, as the intake contract says. */
    public void workerAccepts() {
        worker.respondWith(this::acceptEvents);
    }

    /** The services answer every request by echoing its method and path, as at the start. */
    public void servicesEcho() {
        services.respondWith(Peers::echo);
    }

    /**
     * The worker holds each event that comes alone ({@code /internal/v1/events}) until the latch it answers is
     * released, then commits it; batches are committed at once.
     */
    public CountDownLatch workerHoldsSingleEvents() {
        CountDownLatch release = new CountDownLatch(1);
        worker.respondWith(request -> workerHoldsSingleEventsAnswer(request, release));
        return release;
    }

    /** The answer of {@link #workerHoldsSingleEvents()}, for a responder that changes some other answer. */
    public Answer workerHoldsSingleEventsAnswer(Received request, CountDownLatch release) {
        if (request.path().equals("/internal/v1/events")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return acceptEvents(request);
    }

    /** The worker cannot commit: it answers 503. */
    public void workerFails() {
        worker.respondWith(request -> Answer.json(503, "{\"type\":\"https://sitesync.dev/problems/unavailable\"}"));
    }

    /** The roles of a bearer token signed by the test issuer, or empty when the header holds no valid token. */
    public static Set<String> rolesOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Set.of();
        }
        try {
            JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(LocalIssuer.shared().keys().getPublic())
                    .setExpectedAudience(LocalIssuer.AUDIENCE).setRequireExpirationTime().build()
                    .processToClaims(authorization.substring("Bearer ".length()));
            List<String> groups = claims.getStringListClaimValue("groups");
            return groups == null ? Set.of() : Set.copyOf(groups);
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Set.of();
        }
    }

    private Answer registry(Received request) {
        if (request.path().equals(TOKEN_PATH)) {
            return token(request);
        }
        if (java.util.Collections.disjoint(rolesOf(request.header("Authorization")), REGISTRY_READERS)) {
            return Answer.json(403, "{}");
        }
        if (request.path().equals("/api/v1/sites")) {
            return new Answer(200, "application/json", SITES, Map.of("ETag", "\"7.1\""));
        }
        return echo(request);
    }

    /**
     * The client-credentials grant, signed with the test issuer's key. The gateway asks here rather than at the test
     * issuer's own token endpoint, whose connection closes under quarkus-oidc-client inside a Quarkus test.
     */
    private static Answer token(Received request) {
        String form = request.bodyText();
        String basic = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((GATEWAY_CLIENT + ":" + GATEWAY_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean inForm = form.contains("client_id=" + GATEWAY_CLIENT) && form.contains("client_secret=" + GATEWAY_SECRET);
        if (!form.contains("grant_type=client_credentials") || !inForm && !basic.equals(request.header("Authorization"))) {
            return Answer.json(401, "{\"error\":\"invalid_client\"}");
        }
        String token = LocalIssuer.shared().tokens().subject(GATEWAY_CLIENT).roles("gateway").sign();
        return Answer.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    /**
     * The intake contract: an event is committed once per (site, doctype, name, modified, body hash), and the same
     * event again is acknowledged as a duplicate without queuing anything, as the worker's unique key does; one event
     * at {@code /internal/v1/events}, several at once at {@code /internal/v1/event-batches} (a receipt each).
     */
    private Answer acceptEvents(Received request) {
        boolean batch = request.path().equals("/internal/v1/event-batches");
        if (!batch && !request.path().equals("/internal/v1/events")) {
            return echo(request);
        }
        if (!rolesOf(request.header("Authorization")).contains("gateway")) {
            return Answer.json(403, "{}");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Answer.json(400, "{}");
        }
        if (!batch) {
            return Answer.json(202, receipt(body));
        }
        List<String> receipts = new ArrayList<>();
        body.forEach(event -> receipts.add(receipt(event)));
        return Answer.json(202, "[" + String.join(",", receipts) + "]");
    }

    private String receipt(JsonNode event) {
        String key = String.join("\n", event.path("site").asText(), event.path("doctype").asText(),
                event.path("name").asText(), event.path("modified").asText(), event.path("bodySha256").asText());
        Long earlier = committed.putIfAbsent(key, eventIds.get() + 1);
        if (earlier != null) {
            return "{\"eventId\":" + earlier + ",\"duplicate\":true}";
        }
        return "{\"eventId\":" + eventIds.incrementAndGet() + ",\"duplicate\":false}";
    }

    /** How many distinct events the worker committed: a replay adds none. */
    public int committedEvents() {
        return committed.size();
    }

    private static Answer echo(Received request) {
        return Answer.json(200, "{\"method\":\"" + request.method() + "\",\"path\":\"" + request.path() + "\"}");
    }
}
