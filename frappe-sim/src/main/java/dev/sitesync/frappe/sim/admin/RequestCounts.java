package dev.sitesync.frappe.sim.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.frappe.sim.api.Callers;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/**
 * Counts each site's API requests by kind, doctype and method as they arrive (refused and faulted ones too: the site
 * was asked), so a benchmark can report requests per synced document. In memory, one adder per kind and doctype.
 */
@ApplicationScoped
public class RequestCounts {

    /** After the v1 rerouting (so a request counts once) and before faults (so failed attempts count). */
    private static final int PRIORITY = 250;

    private final SiteRegistry sites;
    private final Map<String, Map<SiteRequest, LongAdder>> counts = new ConcurrentHashMap<>();

    public RequestCounts(SiteRegistry sites) {
        this.sites = sites;
    }

    void register(@Observes Filters filters) {
        filters.register(this::count, PRIORITY);
    }

    private void count(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/")) {
            sites.resolve(context.request().getHeader(Callers.SITE_HEADER), context.request().getHeader("Host"))
                    .ifPresent(site -> SiteRequest.of(context.request().method().name(), path,
                            // only method calls need the query string parsed
                            path.contains("/method/") ? context.request().getParam("doctype") : null)
                            .ifPresent(request -> counts
                                    .computeIfAbsent(site, s -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(request, r -> new LongAdder()).increment()));
        }
        context.next();
    }

    /** {@code {"total":n,"by_kind":{...},"by_doctype":{"Item":{"list":n,...}},"by_method":{...}}}. */
    public ObjectNode of(String site) {
        long total = 0;
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Map<String, Long>> byDoctype = new TreeMap<>();
        Map<String, Long> byMethod = new TreeMap<>();
        for (var entry : counts.getOrDefault(site, Map.of()).entrySet()) {
            SiteRequest request = entry.getKey();
            long count = entry.getValue().sum();
            total += count;
            byKind.merge(request.kind(), count, Long::sum);
            if (request.doctype() != null) {
                byDoctype.computeIfAbsent(request.doctype(), d -> new TreeMap<>()).merge(request.kind(), count,
                        Long::sum);
            }
            if (request.method() != null) {
                byMethod.merge(request.method(), count, Long::sum);
            }
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode().put("site", site).put("total", total);
        ObjectNode kinds = body.putObject("by_kind");
        for (String kind : new String[]{"list", "get", "insert", "update", "delete", "method", "other"}) {
            kinds.put(kind, byKind.getOrDefault(kind, 0L));
        }
        ObjectNode doctypes = body.putObject("by_doctype");
        byDoctype.forEach((doctype, perKind) -> {
            ObjectNode one = doctypes.putObject(doctype);
            perKind.forEach(one::put);
        });
        ObjectNode methods = body.putObject("by_method");
        byMethod.forEach(methods::put);
        return body;
    }

    public void reset(String site) {
        counts.remove(site);
    }
}
