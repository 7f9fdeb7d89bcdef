package dev.sitesync.gateway.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.sitesync.contracts.sync.IntakeReceipt;
import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.support.http.RequestIds;

/**
 * Hands an accepted webhook to its site's worker ({@code POST /internal/v1/events}, role {@code gateway}). The worker
 * answers 202 with a receipt only once the event is committed; anything else is a failure the sender must retry.
 */
@ApplicationScoped
public class WorkerIntake {

    static final String PATH = "/internal/v1/events";

    private final WebClient http;
    private final ServiceTokens tokens;
    private final ObjectMapper json;
    // a worker newer than this gateway may add fields to its receipt
    private final ObjectReader receipts;
    private final GatewayConfig.Workers workers;
    private final Duration timeout;

    public WorkerIntake(WebClient http, ServiceTokens tokens, ObjectMapper json, GatewayConfig config) {
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.receipts = json.readerFor(IntakeReceipt.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.workers = config.workers();
        this.timeout = config.upstreams().timeout();
    }

    public Uni<IntakeReceipt> submit(WebhookEvent event, String requestId) {
        String url = workers.urlOf(event.site()) + PATH;
        return tokens.authorization()
                .flatMap(authorization -> http.postAbs(url)
                        .putHeader(HttpHeaders.AUTHORIZATION.toString(), authorization)
                        .putHeader(RequestIds.HEADER, requestId)
                        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                        .timeout(timeout.toMillis())
                        .sendBuffer(Buffer.buffer(encode(event))))
                .onFailure(failure -> !(failure instanceof UpstreamFailure))
                .transform(failure -> new UpstreamFailure("worker of " + event.site() + " unreachable", failure))
                .map(response -> receipt(event, response));
    }

    private IntakeReceipt receipt(WebhookEvent event, HttpResponse<Buffer> response) {
        if (response.statusCode() != 202) {
            throw new UpstreamFailure("worker of " + event.site() + " answered " + response.statusCode());
        }
        try {
            return receipts.readValue(response.body().getBytes());
        } catch (java.io.IOException | RuntimeException e) {
            throw new UpstreamFailure("worker of " + event.site() + " answered an unreadable receipt", e);
        }
    }

    private byte[] encode(WebhookEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A webhook event cannot be written as JSON", e);
        }
    }
}
