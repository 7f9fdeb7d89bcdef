package dev.sitesync.gateway.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.support.http.RequestIds;

/**
 * Sends a checked request to a service and relays its answer. Only end-to-end headers the services use go either
 * way; a redirect to an internal address is made relative, and a failure of the service is answered with neutral
 * words: callers never learn internal host names.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    /** Which headers cross the gateway, each way, for one kind of caller. */
    enum Passage {

        /** Service callers: JSON APIs with bearer tokens. */
        API(Set.of("accept", "accept-language", "content-type", "if-match", "if-none-match", "if-modified-since",
                "traceparent", "tracestate"),
                Set.of("content-type", "etag", "last-modified", "cache-control", "retry-after", "allow",
                        "www-authenticate", "vary", "content-language")),
        /**
         * People's browsers on the console: its session cookie, htmx's request and answer headers, the console's
         * security headers and its exports' file names.
         */
        PAGE(union(API.request, Set.of("cookie", "origin", "referer", "x-requested-with", "hx-request", "hx-boosted",
                "hx-current-url", "hx-target", "hx-trigger", "hx-trigger-name", "hx-history-restore-request")),
                union(API.response, Set.of("set-cookie", "content-disposition", "content-security-policy",
                        "x-frame-options", "x-content-type-options", "referrer-policy", "hx-redirect", "hx-location",
                        "hx-refresh", "hx-push-url", "hx-replace-url", "hx-trigger", "hx-reswap", "hx-retarget")));

        private final Set<String> request;
        private final Set<String> response;

        Passage(Set<String> request, Set<String> response) {
            this.request = request;
            this.response = response;
        }

        private static Set<String> union(Set<String> first, Set<String> second) {
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            return Set.copyOf(all);
        }
    }

    private final WebClient http;

    public UpstreamProxy(WebClient http) {
        this.http = http;
    }

    /**
     * Forwards a service call to {@code base + path} (and the caller's query string) with the given credentials and
     * extra headers.
     *
     * @param authorization the Authorization header to send: the caller's own token, or the gateway's
     * @param timeout how long the upstream may take to answer
     */
    Uni<Void> forward(RoutingContext rc, String base, String path, String authorization, Map<String, String> extraHeaders,
            io.vertx.core.buffer.Buffer body, Duration timeout) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Authorization", authorization);
        return send(rc, Passage.API, base, path, headers, body, timeout);
    }

    /**
     * Forwards a browser's request for a console page, telling the console where the browser really is (scheme, host
     * and port it used), so the console's sign-in sends people back through this gateway.
     */
    Uni<Void> forwardPage(RoutingContext rc, String base, String path, Map<String, String> forwarded,
            io.vertx.core.buffer.Buffer body, Duration timeout) {
        return send(rc, Passage.PAGE, base, path, forwarded, body, timeout);
    }

    private Uni<Void> send(RoutingContext rc, Passage passage, String base, String path, Map<String, String> headers,
            io.vertx.core.buffer.Buffer body, Duration timeout) {
        String query = rc.request().query();
        String url = base.replaceAll("/+$", "") + path + (query == null || query.isEmpty() ? "" : "?" + query);
        HttpRequest<Buffer> request = http.requestAbs(HttpMethod.valueOf(rc.request().method().name()), url)
                .timeout(timeout.toMillis());
        rc.request().headers().forEach(header -> {
            if (passage.request.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.headers().add(header.getKey(), header.getValue());
            }
        });
        request.headers().addAll(headers);
        request.putHeader(RequestIds.HEADER, Exchange.of(rc).requestId);
        request.putHeader("X-Forwarded-For", Exchange.of(rc).clientText());
        return request.sendBuffer(Buffer.newInstance(body))
                .onFailure().transform(failure -> {
                    LOG.warnf("Upstream %s unreachable: %s", base, failure.getMessage());
                    return new Refusal(Decision.UPSTREAM_ERROR, ProblemType.UNAVAILABLE,
                            "The service behind this route is unavailable; retry later.");
                })
                .invoke(response -> relay(rc, passage, base, response))
                .replaceWithVoid();
    }

    private static void relay(RoutingContext rc, Passage passage, String base, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        if (status >= 500 && (contentType == null || !contentType.startsWith("application/problem+json"))) {
            // an answer not written by a SiteSync service (a proxy's error page) may name internal hosts
            LOG.warnf("Upstream %s answered %d without a problem body", base, status);
            throw new Refusal(Decision.UPSTREAM_ERROR, ProblemType.UNAVAILABLE,
                    "The service behind this route failed; retry later.");
        }
        Exchange.of(rc).decision = Decision.FORWARDED;
        rc.response().setStatusCode(status);
        response.headers().forEach(header -> {
            if (passage.response.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                rc.response().headers().add(header.getKey(), header.getValue());
            }
        });
        String location = response.getHeader("Location");
        if (location != null) {
            rc.response().putHeader("Location", passage == Passage.API ? relative(location) : inside(location, base));
        }
        Buffer body = response.body();
        rc.response().end(body == null ? io.vertx.core.buffer.Buffer.buffer() : body.getDelegate());
    }

    /** An absolute Location pointing inside the cluster becomes a path; the caller reaches it through the gateway. */
    private static String relative(String location) {
        int scheme = location.indexOf("://");
        if (scheme < 0) {
            return location;
        }
        int path = location.indexOf('/', scheme + 3);
        return path < 0 ? "/" : location.substring(path);
    }

    /** A console redirect to itself becomes a path; one to the issuer (sign-in, sign-out) stays as it is. */
    private static String inside(String location, String base) {
        return location.startsWith(base.replaceAll("/+$", "") + "/") ? relative(location) : location;
    }
}
