package dev.sitesync.gateway.api;

import java.net.InetAddress;
import java.util.concurrent.Executor;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.sync.Traceparent;
import dev.sitesync.gateway.domain.Decision;

/** What the gateway learns about one request on its way through, for its one access log line and its metrics. */
final class Exchange {

    private static final String KEY = Exchange.class.getName();

    final long startNanos = System.nanoTime();
    final InetAddress client;
    final String requestId;
    /** Whether the peer is a trusted proxy, whose forwarding headers describe the client. */
    final boolean viaTrustedProxy;
    /** The W3C trace ID of the request's server span, the same one the services it reaches continue. */
    final String traceId;
    private final SpanContext span;
    /**
     * Runs a step on the request's own Vert.x context, wherever the step before it ended (a hand-over batched with
     * other requests' ends on the thread of whichever request went first).
     */
    final Executor ownContext;
    String route = "none";
    String path;
    Decision decision;
    /** The service caller's subject, or {@code site:<code>} / {@code provider:<name>} for signed callbacks. */
    String caller;
    long bytesIn;

    private Exchange(InetAddress client, boolean viaTrustedProxy, String requestId, String path) {
        this.client = client;
        this.viaTrustedProxy = viaTrustedProxy;
        this.requestId = requestId;
        SpanContext span = Span.current().getSpanContext();
        this.traceId = span.isValid() ? span.getTraceId() : null;
        this.span = span;
        Context context = Vertx.currentContext();
        this.ownContext = context == null ? Runnable::run : task -> context.runOnContext(x -> task.run());
        this.path = path;
    }

    static Exchange start(RoutingContext rc, InetAddress client, boolean viaTrustedProxy, String requestId) {
        Exchange exchange = new Exchange(client, viaTrustedProxy, requestId, rc.request().path());
        rc.put(KEY, exchange);
        return exchange;
    }

    static Exchange of(RoutingContext rc) {
        return rc.get(KEY);
    }

    /** The request's server span as a W3C traceparent, for what the request hands on in a body; null when not traced. */
    String traceparent() {
        return span.isValid() ? Traceparent.of(span.getTraceId(), span.getSpanId(), span.isSampled()) : null;
    }

    String clientText() {
        return client == null ? "unknown" : client.getHostAddress();
    }
}
