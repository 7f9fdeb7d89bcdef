package dev.sitesync.gateway.api;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.ClientAddresses;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.IpAddresses;
import dev.sitesync.gateway.domain.NormalizedPath;
import dev.sitesync.gateway.domain.PathNormalizer;
import dev.sitesync.gateway.domain.RejectedPath;
import dev.sitesync.gateway.domain.RouteTable;
import dev.sitesync.support.http.RequestIds;

/**
 * The gateway's two handlers on the public router. The first runs before anything else (its observer has the
 * lowest priority, so at equal route order it is installed first): it places the client, decides the request ID (a
 * caller's own only from a trusted proxy; the shared request-ID handler, which runs next, then keeps it) and arranges
 * the access log line. The second normalises the path, finds the route, and hands over to the route's handler.
 * Health and metrics live on the management port, not here.
 */
@ApplicationScoped
public class GatewayEntry {

    // the shared handler's own rule for a well-formed ID: letters, digits and a few separators, nothing that forges a log line
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private final ClientAddresses clientAddresses;
    private final RouteTable routes;
    private final WebhookRoute webhooks;
    private final PaymentRoute payments;
    private final ServiceApiRoute apis;
    private final ConsoleRoute console;
    private final AccessLog accessLog;
    private final Replies replies;

    public GatewayEntry(ClientAddresses clientAddresses, RouteTable routes, WebhookRoute webhooks, PaymentRoute payments,
            ServiceApiRoute apis, ConsoleRoute console, AccessLog accessLog, Replies replies) {
        this.clientAddresses = clientAddresses;
        this.routes = routes;
        this.webhooks = webhooks;
        this.payments = payments;
        this.apis = apis;
        this.console = console;
        this.accessLog = accessLog;
        this.replies = replies;
    }

    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::arrive);
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::dispatch);
    }

    private void arrive(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        InetAddress peer = peerOf(request.remoteAddress());
        String incoming = request.getHeader(RequestIds.HEADER);
        boolean viaTrustedProxy = clientAddresses.isTrustedProxy(peer);
        String requestId = viaTrustedProxy && incoming != null
                && WELL_FORMED_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        request.headers().set(RequestIds.HEADER, requestId);
        InetAddress client = clientAddresses.clientOf(peer, request.headers().getAll("X-Forwarded-For")).orElse(null);
        Exchange exchange = Exchange.start(rc, client, viaTrustedProxy, requestId);
        rc.addEndHandler(end -> accessLog.record(rc, exchange));
        rc.next();
    }

    private void dispatch(RoutingContext rc) {
        Exchange exchange = Exchange.of(rc);
        NormalizedPath path;
        try {
            path = PathNormalizer.normalize(rc.request().path());
        } catch (RejectedPath e) {
            replies.refuse(rc, new Refusal(Decision.INVALID_PATH, ProblemType.INVALID_PATH,
                    "The request path is refused: " + e.getMessage() + "."));
            return;
        }
        exchange.path = path.toString();
        RouteTable.Outcome outcome = routes.route(rc.request().method().name(), path);
        if (outcome instanceof RouteTable.Found found) {
            exchange.route = found.match().rule().name();
            switch (found.match().rule().kind()) {
                case WEBHOOK -> webhooks.handle(rc, found.match());
                case PAYMENT -> payments.handle(rc, found.match());
                case API -> apis.handle(rc, found.match());
                case CONSOLE -> console.handle(rc, found.match());
            }
        } else if (outcome instanceof RouteTable.MethodNotAllowed wrong) {
            exchange.route = wrong.route();
            String allowed = String.join(", ", wrong.allowed());
            replies.refuse(rc, new Refusal(Decision.METHOD_NOT_ALLOWED, ProblemType.METHOD_NOT_ALLOWED,
                    "Method " + rc.request().method().name() + " is not allowed here; allowed: " + allowed + ".",
                    Map.of("Allow", allowed)));
        } else {
            replies.refuse(rc, new Refusal(Decision.NOT_FOUND, ProblemType.NOT_FOUND, "Nothing is routed at " + path + "."));
        }
    }

    private static InetAddress peerOf(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return null;
        }
        Optional<InetAddress> peer = IpAddresses.parse(address.hostAddress());
        return peer.orElse(null);
    }
}
