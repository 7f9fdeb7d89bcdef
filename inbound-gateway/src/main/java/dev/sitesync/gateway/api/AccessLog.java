package dev.sitesync.gateway.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.gateway.domain.Decision;

/**
 * One line per request (time, request ID, trace ID, caller, client IP, method, route, path, status, decision, latency,
 * bytes), and {@code sitesync_gateway_requests_total{route,decision,status}}. Never a header, token, secret, query or body:
 * the path is logged without its query string, which may carry credentials.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.sitesync.gateway.access");
    private static final String[] FIELDS = {"caller", "clientIp", "method", "route", "path", "status", "decision",
            "latencyMs", "bytesIn", "bytesOut"};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AccessLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(RoutingContext rc, Exchange exchange) {
        int status = rc.response().getStatusCode();
        Decision decision = exchange.decision != null ? exchange.decision : fromStatus(status);
        counter(exchange.route, decision, status).increment();
        String[] values = {exchange.caller == null ? "-" : exchange.caller, exchange.clientText(),
                rc.request().method().name(), exchange.route, exchange.path, String.valueOf(status), decision.label(),
                String.format("%.2f", (System.nanoTime() - exchange.startNanos) / 1e6), String.valueOf(exchange.bytesIn),
                String.valueOf(rc.response().bytesWritten())};
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < FIELDS.length; i++) {
            MDC.put(FIELDS[i], values[i]);
            line.append(i == 0 ? "" : " ").append(FIELDS[i]).append('=').append(values[i]);
        }
        MDC.put("requestId", exchange.requestId);
        if (exchange.traceId != null) {
            MDC.put("traceId", exchange.traceId);
            line.append(" traceId=").append(exchange.traceId);
        }
        try {
            LOG.info(line);
        } finally {
            for (String field : FIELDS) {
                MDC.remove(field);
            }
            MDC.remove("traceId");
        }
    }

    /** Answers written below the gateway's handlers (an oversized declared body, a framework failure). */
    private static Decision fromStatus(int status) {
        return switch (status) {
            case 413 -> Decision.PAYLOAD_TOO_LARGE;
            case 404 -> Decision.NOT_FOUND;
            case 405 -> Decision.METHOD_NOT_ALLOWED;
            default -> Decision.ERROR;
        };
    }

    private Counter counter(String route, Decision decision, int status) {
        return counters.computeIfAbsent(route + '\n' + decision.label() + '\n' + status,
                key -> Counter.builder("sitesync.gateway.requests")
                        .description("Requests through the gateway by route, decision (forwarded, or why refused) and status")
                        .tag("route", route).tag("decision", decision.label()).tag("status", String.valueOf(status))
                        .register(registry));
    }
}
