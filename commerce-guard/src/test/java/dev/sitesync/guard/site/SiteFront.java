package dev.sitesync.guard.site;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

import dev.sitesync.frappe.client.FrappeDateTimes;

/**
 * Stands in front of frappe-sim for the doctypes it does not serve yet (Payment Entry; and, for the audits, Sales
 * Invoice, GL Entry and Subscription): those live here in memory, with Frappe's list filters, inserts, reads and
 * docstatus changes. Every other request goes to the simulator unchanged.
 */
public final class SiteFront implements AutoCloseable {

    private static final Set<String> SERVED_HERE = Set.of("Payment Entry", "Sales Invoice", "GL Entry", "Subscription");
    private static final String RESOURCE = "/api/resource/";

    private final ObjectMapper json = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient sim;
    private final HttpServer server;
    private final String simHost;
    private final int simPort;
    private final Map<String, Map<String, ObjectNode>> documents = new ConcurrentHashMap<>();
    private final AtomicInteger paymentNumbers = new AtomicInteger();
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final Set<String> failingNext = ConcurrentHashMap.newKeySet();

    private SiteFront(String simBaseUrl) {
        URI uri = URI.create(simBaseUrl);
        this.simHost = uri.getHost();
        this.simPort = uri.getPort();
        this.sim = vertx.createHttpClient();
        this.served.addAll(SERVED_HERE);
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
    }

    public static SiteFront before(String simBaseUrl) {
        return new SiteFront(simBaseUrl);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The documents of a doctype served here, in insertion order. */
    public List<ObjectNode> documents(String doctype) {
        return new ArrayList<>(documents.getOrDefault(doctype, Map.of()).values());
    }

    /** Puts a document in place, as if the site had it (for the audits' doctypes). */
    public synchronized void put(String doctype, ObjectNode document) {
        documents.computeIfAbsent(doctype, d -> new LinkedHashMap<>()).put(document.path("name").asText(), document);
    }

    /** The next {@code method} request on the doctype answers 503, as a site briefly down does. */
    public void failNext(String doctype, HttpMethod method) {
        failingNext.add(method.name() + " " + doctype);
    }

    /** Stops serving a doctype here, so the site answers for it as the simulator does: it does not exist. */
    public void withdraw(String doctype) {
        served.remove(doctype);
    }

    public void restore(String doctype) {
        served.add(doctype);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.startsWith(RESOURCE)) {
                String[] parts = path.substring(RESOURCE.length()).split("/", 2);
                String doctype = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                if (served.contains(doctype)) {
                    String name = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
                    serve(request, doctype, name, body);
                    return;
                }
            }
            forward(request, body);
        });
    }

    private synchronized void serve(HttpServerRequest request, String doctype, String name, Buffer body) {
        if (failingNext.remove(request.method().name() + " " + doctype)) {
            reply(request, 503, json.createObjectNode().put("exc_type", "SessionStopped"));
            return;
        }
        try {
            Map<String, ObjectNode> stored = documents.computeIfAbsent(doctype, d -> new LinkedHashMap<>());
            if (name == null && request.method() == HttpMethod.GET) {
                ArrayNode rows = json.createArrayNode();
                JsonNode filters = json.readTree(request.getParam("filters", "[]"));
                stored.values().stream().filter(doc -> matches(doc, filters)).forEach(rows::add);
                reply(request, 200, json.createObjectNode().set("data", rows));
            } else if (name == null && request.method() == HttpMethod.POST) {
                ObjectNode doc = (ObjectNode) json.readTree(body.getBytes());
                String assigned = doctype.equals("Payment Entry")
                        ? "ACC-PAY-2026-%05d".formatted(paymentNumbers.incrementAndGet())
                        : doc.path("name").asText(doctype + "-" + (stored.size() + 1));
                String now = FrappeDateTimes.format(LocalDateTime.now());
                doc.put("name", assigned).put("docstatus", 0).put("creation", now).put("modified", now);
                stored.put(assigned, doc);
                reply(request, 200, json.createObjectNode().set("data", doc));
            } else if (name != null && stored.containsKey(name) && request.method() == HttpMethod.GET) {
                reply(request, 200, json.createObjectNode().set("data", stored.get(name)));
            } else if (name != null && stored.containsKey(name) && request.method() == HttpMethod.PUT) {
                ObjectNode doc = stored.get(name);
                doc.setAll((ObjectNode) json.readTree(body.getBytes()));
                doc.put("modified", FrappeDateTimes.format(LocalDateTime.now()));
                reply(request, 200, json.createObjectNode().set("data", doc));
            } else {
                reply(request, 404, json.createObjectNode().put("exc_type", "DoesNotExistError"));
            }
        } catch (IOException e) {
            reply(request, 417, json.createObjectNode().put("exc_type", "ValidationError"));
        }
    }

    /** Frappe's list filters in list form: {@code [field, op, value]}, or with a doctype first for child rows. */
    private static boolean matches(ObjectNode doc, JsonNode filters) {
        for (JsonNode filter : filters) {
            boolean child = filter.size() == 4;
            String field = filter.get(child ? 1 : 0).asText();
            String operator = filter.get(child ? 2 : 1).asText();
            JsonNode value = filter.get(child ? 3 : 2);
            boolean ok = child
                    ? anyChildRow(doc, row -> holds(row.path(field), operator, value))
                    : holds(doc.path(field), operator, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyChildRow(ObjectNode doc, Predicate<JsonNode> test) {
        for (JsonNode field : doc) {
            if (field.isArray()) {
                for (JsonNode row : field) {
                    if (test.test(row)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean holds(JsonNode actual, String operator, JsonNode expected) {
        int comparison = actual.isNumber() || expected.isNumber()
                ? actual.decimalValue().compareTo(expected.decimalValue())
                : actual.asText("").compareTo(expected.asText(""));
        return switch (operator) {
            case "=" -> comparison == 0;
            case "!=" -> comparison != 0;
            case ">" -> comparison > 0;
            case "<" -> comparison < 0;
            case ">=" -> comparison >= 0;
            case "<=" -> comparison <= 0;
            default -> throw new IllegalArgumentException("The front does not filter with " + operator);
        };
    }

    private void reply(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private void forward(HttpServerRequest request, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(simHost).setPort(simPort)
                .setURI(request.uri());
        sim.request(options).compose(outgoing -> {
            request.headers().forEach(header -> {
                if (!header.getKey().equalsIgnoreCase("Host")) {
                    outgoing.putHeader(header.getKey(), header.getValue());
                }
            });
            return outgoing.send(body);
        }).compose(incoming -> incoming.body().map(reply -> {
            request.response().setStatusCode(incoming.statusCode());
            for (String header : List.of("Content-Type", "Retry-After")) {
                if (incoming.getHeader(header) != null) {
                    request.response().putHeader(header, incoming.getHeader(header));
                }
            }
            request.response().end(reply);
            return reply;
        })).onFailure(failure -> request.response().setStatusCode(502).end());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
