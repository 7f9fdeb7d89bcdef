package dev.sitesync.frappe.sim.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.Condition;
import dev.sitesync.frappe.sim.engine.DocumentChanged;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.fault.Faults;
import dev.sitesync.frappe.sim.store.Transactions;

/**
 * Frappe's webhooks (v13–v15): after a commit, every enabled {@code Webhook} on the document's doctype and event is
 * sent in the background, signed when {@code enable_security} is set, with up to three tries (no pause after a
 * timeout, pauses of 1 s and 4 s after other failures) and one {@code Webhook Request Log} per try.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final String SIGNATURE_HEADER = "X-Frappe-Webhook-Signature";
    private static final int TRIES = 3;

    private final Transactions transactions;
    private final DocumentService documents;
    private final Faults faults;
    private final SimConfig.Webhooks config;
    private final WebhookPayloads payloads;
    private final ObjectMapper mapper;
    private final ExecutorService deliveries;
    private final HttpClient http;
    private final Map<String, List<ObjectNode>> webhooksBySite = new ConcurrentHashMap<>();

    public WebhookDispatcher(Transactions transactions, DocumentService documents, Faults faults, SimConfig config,
            ObjectMapper mapper) {
        this.transactions = transactions;
        this.documents = documents;
        this.faults = faults;
        this.config = config.webhooks();
        this.payloads = new WebhookPayloads(mapper);
        this.mapper = mapper;
        this.deliveries = Executors.newFixedThreadPool(this.config.deliveryThreads(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    /** Runs after the commit, in the request: a webhook that cannot be built is logged, never the request's failure. */
    void changed(@Observes DocumentChanged change) {
        if ("Webhook".equals(change.doctype())) {
            webhooksBySite.remove(change.site());
        }
        try {
            enqueue(change);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cannot send the webhooks of %s %s", change.doctype(), change.name());
        }
    }

    private void enqueue(DocumentChanged change) {
        for (ObjectNode webhook : webhooks(change.site())) {
            if (webhook.path("webhook_doctype").asText().equals(change.doctype())
                    && change.events().contains(webhook.path("webhook_docevent").asText())
                    && conditionHolds(webhook, change)) {
                if (faults.dropsWebhooks(change.site())) {
                    LOG.debugf("Dropped webhook %s for %s %s", webhook.path("name").asText(), change.doctype(),
                            change.name());
                    continue;
                }
                String body = payloads.body(webhook, change.doc());
                deliveries.submit(() -> deliver(change, webhook, body));
            }
        }
    }

    private static boolean conditionHolds(ObjectNode webhook, DocumentChanged change) {
        String condition = webhook.path("condition").asText("");
        return condition.isBlank() || Condition.parse(condition).matches(change.doc());
    }

    /**
     * Loaded inside the map's lock: a Webhook's commit removes the entry only after a load already under way is stored,
     * so a list read before that commit never outlives it (stored after the removal, it would silence the new webhook
     * until the next Webhook change).
     */
    private List<ObjectNode> webhooks(String site) {
        return webhooksBySite.computeIfAbsent(site, key -> transactions.inSite(key, tx -> tx.documents("select data from "
                + tx.schema() + ".document where doctype = 'Webhook' and (data->>'enabled')::int = 1", List.of())));
    }

    private void deliver(DocumentChanged change, ObjectNode webhook, String body) {
        HttpRequest request = request(webhook, body);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    log(change, webhook, request, body, response.body(), null);
                    return;
                }
                log(change, webhook, request, body, response.body(), response.statusCode() + " Error for url: "
                        + request.uri());
            } catch (HttpTimeoutException timeout) {
                log(change, webhook, request, body, null, "ReadTimeout: " + timeout.getMessage());
                continue;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception failure) {
                log(change, webhook, request, body, null, failure.getClass().getSimpleName() + ": "
                        + failure.getMessage());
            }
            if (!pause(attempt)) {
                return;
            }
        }
    }

    private HttpRequest request(ObjectNode webhook, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.path("request_url").asText()))
                .timeout(config.timeout())
                .method(webhook.path("request_method").asText("POST"), HttpRequest.BodyPublishers.ofByteArray(bytes));
        webhook.path("webhook_headers").forEach(header -> request.header(header.path("key").asText(),
                header.path("value").asText()));
        if (webhook.path("enable_security").asInt() == 1) {
            request.header(SIGNATURE_HEADER, Signatures.sign(webhook.path("webhook_secret").asText(), bytes));
        }
        return request.build();
    }

    private boolean pause(int attempt) {
        List<Duration> delays = config.retryDelays();
        if (attempt >= TRIES - 1 || delays.isEmpty()) {
            return attempt < TRIES - 1;
        }
        try {
            Thread.sleep(delays.get(Math.min(attempt, delays.size() - 1)).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void log(DocumentChanged change, ObjectNode webhook, HttpRequest request, String body, String response,
            String error) {
        ObjectNode entry = mapper.createObjectNode().put("webhook", webhook.path("name").asText())
                .put("reference_doctype", change.doctype()).put("reference_document", change.name())
                .put("headers", headersJson(request)).put("data", body).put("user", change.user())
                .put("url", request.uri().toString()).put("response", response).put("error", error);
        try {
            documents.insert(Caller.administrator(change.site()), "Webhook Request Log", entry, false);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cannot log the webhook request for %s %s", change.doctype(), change.name());
        }
    }

    private String headersJson(HttpRequest request) {
        ObjectNode headers = mapper.createObjectNode();
        request.headers().map().forEach((name, values) -> headers.put(name,
                name.equalsIgnoreCase(SIGNATURE_HEADER) ? "***" : String.join(", ", values)));
        return headers.toString();
    }

    @PreDestroy
    void stop() {
        deliveries.shutdownNow();
    }
}
