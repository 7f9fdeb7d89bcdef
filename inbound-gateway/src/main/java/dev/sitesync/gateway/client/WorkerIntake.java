package dev.sitesync.gateway.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.sitesync.contracts.sync.IntakeReceipt;
import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.support.flow.GroupCommit;
import dev.sitesync.support.http.RequestIds;

/**
 * Hands accepted webhooks to their site's worker (role {@code gateway}). The worker answers 202 with a receipt only
 * once an event is committed; anything else is a failure the sender must retry. Webhooks that arrive while one
 * hand-over to a worker is on its way go together in the next ({@code POST /internal/v1/event-batches}): one request,
 * one token check and one transaction for all of them. A batch the worker refuses (an event it finds invalid, or a
 * worker older than the batch endpoint) is handed on again one event at a time ({@code POST /internal/v1/events}), so
 * only a bad event fails; a worker that is down, or refuses the gateway's token, fails the whole batch at once.
 */
@ApplicationScoped
public class WorkerIntake {

    static final String PATH = "/internal/v1/events";
    static final String BATCH_PATH = "/internal/v1/event-batches";
    /** The most events one hand-over carries (the worker takes up to 500). */
    private static final int MAX_BATCH = 100;
    static final String WAITING = "sitesync.gateway.webhooks.waiting";

    private final WebClient http;
    private final ServiceTokens tokens;
    private final ObjectMapper json;
    // a worker newer than this gateway may add fields to its receipts
    private final ObjectReader receipt;
    private final ObjectReader receipts;
    private final GatewayConfig.Workers workers;
    private final Duration timeout;
    private final MeterRegistry registry;
    /** Per site: its worker's hand-overs, one on its way at a time. */
    private final Map<String, GroupCommit<Forward, IntakeReceipt>> handOvers = new ConcurrentHashMap<>();

    public WorkerIntake(WebClient http, ServiceTokens tokens, ObjectMapper json, GatewayConfig config,
            MeterRegistry registry) {
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.receipt = json.readerFor(IntakeReceipt.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.receipts = json.readerFor(new TypeReference<List<IntakeReceipt>>() {
        }).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.workers = config.workers();
        this.timeout = config.upstreams().timeout();
        this.registry = registry;
    }

    /** An event on its way, with the ID of the webhook request that brought it (for the worker's log). */
    private record Forward(WebhookEvent event, String requestId) {
    }

    /** The worker refused a batch as a whole: each of its events is handed on alone. */
    private static final class BatchRefused extends RuntimeException {

        BatchRefused(String message) {
            super(message, null, false, false);
        }
    }

    public Uni<IntakeReceipt> submit(WebhookEvent event, String requestId) {
        return handOvers.computeIfAbsent(event.site(), this::handOvers).submit(new Forward(event, requestId));
    }

    private GroupCommit<Forward, IntakeReceipt> handOvers(String site) {
        String worker = workers.urlOf(site);
        GroupCommit<Forward, IntakeReceipt> handOvers = new GroupCommit<>("webhooks to the worker of " + site,
                MAX_BATCH, batch -> submitAll(worker, batch), forward -> submitOne(worker, forward),
                failure -> failure instanceof BatchRefused);
        Gauge.builder(WAITING, handOvers, GroupCommit::waiting).tag("site", site)
                .description("Webhooks accepted and waiting for the hand-over to their site's worker that is on its way")
                .register(registry);
        return handOvers;
    }

    private Uni<IntakeReceipt> submitOne(String worker, Forward forward) {
        String site = forward.event().site();
        return post(worker + PATH, forward.requestId(), encode(forward.event()), site)
                .map(response -> {
                    requireAccepted(response, site);
                    return read(receipt, response, site);
                });
    }

    private Uni<List<IntakeReceipt>> submitAll(String worker, List<Forward> batch) {
        String site = batch.get(0).event().site();
        return post(worker + BATCH_PATH, null, encode(batch.stream().map(Forward::event).toList()), site)
                .map(response -> {
                    if (refusedAsABatch(response.statusCode())) {
                        throw new BatchRefused("worker of " + site + " refused a batch of " + batch.size() + " events ("
                                + response.statusCode() + ")");
                    }
                    requireAccepted(response, site);
                    List<IntakeReceipt> answered = read(receipts, response, site);
                    if (answered.size() != batch.size()) {
                        throw new UpstreamFailure("worker of " + site + " answered " + answered.size()
                                + " receipts for " + batch.size() + " events");
                    }
                    return answered;
                });
    }

    /**
     * A 4xx that one of the events, or the batch endpoint itself, may have caused; a refused token (401, 403) would
     * refuse each event alike, so it fails the batch as a whole.
     */
    private static boolean refusedAsABatch(int status) {
        return status >= 400 && status < 500 && status != 401 && status != 403;
    }

    private Uni<HttpResponse<Buffer>> post(String url, String requestId, byte[] body, String site) {
        return tokens.authorization()
                .flatMap(authorization -> {
                    var request = http.postAbs(url)
                            .putHeader(HttpHeaders.AUTHORIZATION.toString(), authorization)
                            .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                            .timeout(timeout.toMillis());
                    if (requestId != null) {
                        request.putHeader(RequestIds.HEADER, requestId);
                    }
                    return request.sendBuffer(Buffer.buffer(body));
                })
                .onFailure(failure -> !(failure instanceof UpstreamFailure))
                .transform(failure -> new UpstreamFailure("worker of " + site + " unreachable", failure));
    }

    private static void requireAccepted(HttpResponse<Buffer> response, String site) {
        if (response.statusCode() != 202) {
            throw new UpstreamFailure("worker of " + site + " answered " + response.statusCode());
        }
    }

    private static <T> T read(ObjectReader reader, HttpResponse<Buffer> response, String site) {
        try {
            return reader.readValue(response.body().getBytes());
        } catch (IOException | RuntimeException e) {
            throw new UpstreamFailure("worker of " + site + " answered an unreadable receipt", e);
        }
    }

    private byte[] encode(Object events) {
        try {
            return json.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook events cannot be written as JSON", e);
        }
    }
}
