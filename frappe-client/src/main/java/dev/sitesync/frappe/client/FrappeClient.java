package dev.sitesync.frappe.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A reactive client for one Frappe site's REST API (v1, as v15 serves it; tolerant of v13/v14 and develop). Every
 * failure arrives as a {@link FrappeException} classified by {@link FrappeErrorKind}. Documents are JSON objects, as
 * the site sends them; the client adds no defaults. Thread-safe; close it to release its connections.
 */
public final class FrappeClient implements AutoCloseable {

    private static final String JSON = "application/json";

    private final FrappeSite site;
    private final WebClient web;
    private final ObjectMapper mapper;
    private final ErrorResponses errors;
    private final KeysetPager pager = new KeysetPager(this::list);
    /** Request deadlines; daemon threads, so a plain {@code main} using the client can end. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "frappe-client-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private FrappeClient(FrappeSite site, WebClient web, ObjectMapper mapper, Clock clock) {
        this.site = site;
        this.web = web;
        this.mapper = mapper;
        this.errors = new ErrorResponses(mapper, clock);
    }

    public static FrappeClient create(Vertx vertx, FrappeSite site) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(site.connectTimeout().toMillis()))
                .setMaxPoolSize(site.maxPoolSize())
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setDecompressionSupported(true)
                .setUserAgent("SiteSync-frappe-client");
        return new FrappeClient(site, WebClient.create(vertx, options), JsonMapper.builder().build(),
                Clock.systemUTC());
    }

    public FrappeSite site() {
        return site;
    }

    /** {@code GET /api/resource/{doctype}}: the rows of one page, as the query describes it. */
    public Uni<List<ObjectNode>> list(ListQuery query) {
        HttpRequest<Buffer> request = request(HttpMethod.GET, resourcePath(query.doctype()));
        if (!query.fields().isEmpty()) {
            request.addQueryParam("fields", json(query.fields()));
        }
        if (!query.filters().isEmpty()) {
            request.addQueryParam("filters", json(query.filters()));
        }
        if (!query.orFilters().isEmpty()) {
            request.addQueryParam("or_filters", json(query.orFilters()));
        }
        if (query.orderBy() != null) {
            request.addQueryParam("order_by", query.orderBy());
        }
        if (query.limitStart() > 0) {
            request.addQueryParam("limit_start", Integer.toString(query.limitStart()));
        }
        if (query.limitPageLength() != null) {
            request.addQueryParam("limit_page_length", Integer.toString(query.limitPageLength()));
        }
        return send(request, null, "GET " + resourcePath(query.doctype())).map(body -> rows(body.path("data")));
    }

    /**
     * The page of rows after {@code after} ({@code null}: from the start) in {@code (modified, name)} order. The
     * query's own order and limits are replaced; {@code name} and {@code modified} are added to its fields.
     */
    public Uni<KeysetPage> listAfter(ListQuery query, KeysetCursor after, int pageSize) {
        return pager.page(query, after, pageSize);
    }

    /** Every row after {@code after}, page by page, until a page finds nothing more. */
    public Multi<ObjectNode> stream(ListQuery query, KeysetCursor after, int pageSize) {
        return Multi.createBy().repeating()
                .uni(() -> new KeysetCursor[]{after, null},
                        state -> pager.page(query, state[0], pageSize).invoke(page -> state[0] = page.next()))
                .whilst(page -> !page.complete())
                .onItem().transformToIterable(KeysetPage::rows);
    }

    /** {@code GET /api/resource/{doctype}/{name}}: the whole document with its child tables. */
    public Uni<ObjectNode> get(String doctype, String name) {
        String path = documentPath(doctype, name);
        return send(request(HttpMethod.GET, path), null, "GET " + path).map(FrappeClient::data);
    }

    /** {@code POST /api/resource/{doctype}}: the document as the site stored it (name, timestamps, defaults). */
    public Uni<ObjectNode> insert(String doctype, ObjectNode document) {
        String path = resourcePath(doctype);
        return send(request(HttpMethod.POST, path), document, "POST " + path).map(FrappeClient::data);
    }

    /**
     * {@code PUT /api/resource/{doctype}/{name}}: merges the given fields; a child table given replaces the stored
     * rows. Without {@code modified} in the changes, the last writer wins.
     */
    public Uni<ObjectNode> update(String doctype, String name, ObjectNode changes) {
        String path = documentPath(doctype, name);
        return send(request(HttpMethod.PUT, path), changes, "PUT " + path).map(FrappeClient::data);
    }

    /**
     * As {@link #update(String, String, ObjectNode)}, but only if the document's {@code modified} is still
     * {@code expectedModified}; otherwise fails with {@link FrappeErrorKind#TIMESTAMP_MISMATCH}.
     */
    public Uni<ObjectNode> updateIfUnchanged(String doctype, String name, ObjectNode changes, String expectedModified) {
        ObjectNode locked = changes.deepCopy();
        locked.put("modified", expectedModified);
        return update(doctype, name, locked);
    }

    /** Submits a draft (docstatus 0 → 1) through {@code PUT {"docstatus":1}}. */
    public Uni<ObjectNode> submit(String doctype, String name) {
        return update(doctype, name, mapper.createObjectNode().put("docstatus", 1));
    }

    /** Cancels a submitted document (docstatus 1 → 2) through {@code PUT {"docstatus":2}}. */
    public Uni<ObjectNode> cancel(String doctype, String name) {
        return update(doctype, name, mapper.createObjectNode().put("docstatus", 2));
    }

    /** {@code DELETE /api/resource/{doctype}/{name}} (202 on success). */
    public Uni<Void> delete(String doctype, String name) {
        String path = documentPath(doctype, name);
        return send(request(HttpMethod.DELETE, path), null, "DELETE " + path).replaceWithVoid();
    }

    /** {@code frappe.client.get_count}: the number of documents matching all filters. */
    public Uni<Long> count(String doctype, List<Filter> filters) {
        HttpRequest<Buffer> request = request(HttpMethod.GET, methodPath("frappe.client.get_count"))
                .addQueryParam("doctype", doctype);
        if (!filters.isEmpty()) {
            request.addQueryParam("filters", json(filters));
        }
        return send(request, null, "GET frappe.client.get_count").map(body -> body.path("message").asLong());
    }

    /**
     * {@code GET /api/v2/doctype/{doctype}/meta} (v15+): the DocType's metadata, with {@code fields} of
     * {@code fieldname}, {@code fieldtype} and {@code options}, as the site has it (custom fields included).
     */
    public Uni<ObjectNode> meta(String doctype) {
        return send(request(HttpMethod.GET, "/api/v2/doctype/" + segment(doctype) + "/meta"), null,
                "GET meta of " + doctype).map(body -> (ObjectNode) body.path("data"));
    }

    /** {@code frappe.utils.change_log.get_versions}: the apps installed on the site, by app name. */
    public Uni<Map<String, AppVersion>> versions() {
        return send(request(HttpMethod.GET, methodPath("frappe.utils.change_log.get_versions")), null,
                "GET frappe.utils.change_log.get_versions").map(body -> {
                    Map<String, AppVersion> versions = new LinkedHashMap<>();
                    body.path("message").fields().forEachRemaining(app -> versions.put(app.getKey(),
                            new AppVersion(app.getKey(), app.getValue().path("title").asText(null),
                                    app.getValue().path("version").asText(null),
                                    app.getValue().path("branch").asText(null))));
                    return versions;
                });
    }

    /**
     * {@code frappe.client.get_time_zone}: the zone of the site's System Settings, in which every datetime it sends
     * is naive; empty when the site names none or one Java does not know.
     */
    public Uni<Optional<ZoneId>> timeZone() {
        return send(request(HttpMethod.GET, methodPath("frappe.client.get_time_zone")), null,
                "GET frappe.client.get_time_zone").map(body -> {
                    String zone = body.path("message").path("time_zone").asText("");
                    return ZoneId.getAvailableZoneIds().contains(zone) ? Optional.of(ZoneId.of(zone)) : Optional.empty();
                });
    }

    /**
     * The site's clock as its web server states it: the {@code Date} header of a {@code ping} (whole seconds); empty
     * when the site sends none.
     */
    public Uni<Optional<Instant>> serverTime() {
        return exchange(request(HttpMethod.GET, methodPath("ping")), null, "GET ping")
                .map(reply -> {
                    read(reply, "GET ping");
                    String date = reply.getHeader("Date");
                    try {
                        return date == null
                                ? Optional.<Instant>empty()
                                : Optional.of(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    } catch (DateTimeParseException unreadable) {
                        return Optional.<Instant>empty();
                    }
                });
    }

    /** {@code frappe.auth.get_logged_user}: whom the credentials log in as; the cheapest credential probe. */
    public Uni<String> loggedUser() {
        return send(request(HttpMethod.GET, methodPath("frappe.auth.get_logged_user")), null,
                "GET frappe.auth.get_logged_user").map(body -> body.path("message").asText());
    }

    public Uni<ObjectNode> createCustomField(CustomFieldSpec field) {
        return insert("Custom Field", field.toDocument());
    }

    /** What {@link #ensureCustomField(CustomFieldSpec)} did. */
    public enum CustomFieldChange {
        CREATED,
        REPAIRED,
        UNCHANGED
    }

    /**
     * Creates the custom field, or gives an existing one the protection the spec asks for (read-only, unique,
     * no-copy) by updating its {@code Custom Field} document; idempotent. A site that cannot make the field unique
     * (two documents already share a value) refuses the update, and the failure says so.
     */
    public Uni<CustomFieldChange> ensureCustomField(CustomFieldSpec field) {
        ListQuery existing = ListQuery.of("Custom Field").fields("name", "read_only", "unique", "no_copy")
                .where(Filter.eq("dt", field.doctype()), Filter.eq("fieldname", field.fieldname())).limit(0, 1);
        return list(existing).flatMap(rows -> {
            if (rows.isEmpty()) {
                return createCustomField(field).replaceWith(CustomFieldChange.CREATED);
            }
            ObjectNode repair = field.repairOf(rows.get(0));
            return repair.isEmpty()
                    ? Uni.createFrom().item(CustomFieldChange.UNCHANGED)
                    : update("Custom Field", rows.get(0).path("name").asText(), repair)
                            .replaceWith(CustomFieldChange.REPAIRED);
        });
    }

    public Uni<ObjectNode> createWebhook(WebhookSpec webhook) {
        return insert("Webhook", webhook.toDocument());
    }

    @Override
    public void close() {
        web.close();
        deadlines.shutdownNow();
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> request = web.requestAbs(method, site.baseUrl() + path)
                .putHeader("Accept", JSON)
                .putHeader("Authorization", site.credentials().authorization())
                .timeout(site.requestTimeout().toMillis());
        if (site.siteName() != null) {
            request.putHeader("X-Frappe-Site-Name", site.siteName());
        }
        return request;
    }

    private Uni<JsonNode> send(HttpRequest<Buffer> request, ObjectNode body, String description) {
        return exchange(request, body, description).map(reply -> read(reply, description));
    }

    private Uni<HttpResponse<Buffer>> exchange(HttpRequest<Buffer> request, ObjectNode body, String description) {
        Uni<HttpResponse<Buffer>> response = body == null
                ? request.send()
                : request.putHeader("Content-Type", JSON).sendBuffer(Buffer.buffer(bytes(body)));
        return response
                .ifNoItem().after(site.requestTimeout()).on(deadlines)
                .failWith(() -> new TimeoutException("no response within " + site.requestTimeout()))
                .onFailure().transform(failure -> ErrorResponses.fromTransportFailure(description, failure));
    }

    private JsonNode read(HttpResponse<Buffer> reply, String description) {
        byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes();
        int status = reply.statusCode();
        if (status < 200 || status >= 300) {
            throw errors.fromResponse(description, status, reply.getHeader("Retry-After"), body);
        }
        try {
            JsonNode json = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            if (!json.isObject()) {
                throw ErrorResponses.unreadableSuccess(description, status, null);
            }
            return json;
        } catch (IOException notJson) {
            throw ErrorResponses.unreadableSuccess(description, status, notJson);
        }
    }

    private static ObjectNode data(JsonNode body) {
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw ErrorResponses.unreadableSuccess("document response", 200, null);
        }
        return (ObjectNode) data;
    }

    private static List<ObjectNode> rows(JsonNode data) {
        List<ObjectNode> rows = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            if (row.isObject()) {
                rows.add((ObjectNode) row);
            }
        }
        return rows;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise the document", e);
        }
    }

    private static String resourcePath(String doctype) {
        return "/api/resource/" + segment(doctype);
    }

    private static String documentPath(String doctype, String name) {
        return resourcePath(doctype) + "/" + segment(name);
    }

    private static String methodPath(String dotted) {
        return "/api/method/" + dotted;
    }

    /** A path segment: spaces as {@code %20} (not {@code +}), slashes and the rest percent-encoded. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
