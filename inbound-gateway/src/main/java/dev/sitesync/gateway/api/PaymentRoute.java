package dev.sitesync.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.client.ServiceTokens;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.config.Senders;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.RouteMatch;
import dev.sitesync.support.payment.PaymentSignature;

/**
 * {@code POST /payments/{provider}/callback}: a payment provider's callback. Checked in order of cost, and before it
 * draws anything from the provider's rate bucket, so nobody but the provider can spend it: a configured provider, a
 * source address inside its ranges, a body within the limit, a valid signature under one of its secrets (current or
 * previous). Then it is handed to commerce-guard with its signature header and raw body under the gateway's own token;
 * commerce-guard checks the signature again, acts, and its answer is relayed.
 */
@ApplicationScoped
public class PaymentRoute {

    private static final Logger LOG = Logger.getLogger(PaymentRoute.class);

    private final Set<String> providers;
    private final Senders senders;
    private final RateLimitGate limits;
    private final RateLimits rateLimits;
    private final ServiceTokens tokens;
    private final UpstreamProxy proxy;
    private final Replies replies;
    private final GatewayConfig.Payments config;
    private final Duration timeout;

    public PaymentRoute(Senders senders, RateLimitGate limits, RateLimits rateLimits, ServiceTokens tokens,
            UpstreamProxy proxy, Replies replies, GatewayConfig config) {
        this.providers = config.payments().providers().orElse(Set.of());
        this.senders = senders;
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.tokens = tokens;
        this.proxy = proxy;
        this.replies = replies;
        this.config = config.payments();
        this.timeout = config.upstreams().timeout();
    }

    void handle(RoutingContext rc, RouteMatch match) {
        String provider = match.provider();
        Exchange exchange = Exchange.of(rc);
        exchange.caller = "provider:" + provider;
        String header = rc.request().getHeader(config.signatureHeader());
        try {
            admit(exchange, provider);
        } catch (Refusal refusal) {
            replies.refuse(rc, refusal);
            return;
        }
        RequestBodies.read(rc, config.maxBody().asLongValue())
                .invoke(body -> verify(provider, header, body))
                .call(body -> limits.take(rateLimits.forProvider(provider)))
                .flatMap(body -> tokens.authorization()
                        .onFailure().transform(failure -> new Refusal(Decision.GATEWAY_UNAVAILABLE,
                                ProblemType.UNAVAILABLE, "The callback cannot be handed on right now; retry later."))
                        .flatMap(authorization -> proxy.forward(rc, config.upstream(),
                                config.upstreamPath().replace("{provider}", provider), authorization,
                                Map.of(config.signatureHeader(), header), body, timeout)))
                .subscribe().with(done -> {
                }, failure -> replies.fail(rc, failure));
    }

    private void admit(Exchange exchange, String provider) {
        if (!providers.contains(provider)) {
            throw new Refusal(Decision.NOT_FOUND, ProblemType.NOT_FOUND,
                    "No payment provider '" + provider + "' sends callbacks here.");
        }
        if (exchange.client == null || !senders.paymentRanges(provider).contains(exchange.client)) {
            throw new Refusal(Decision.IP_NOT_ALLOWED, ProblemType.IP_NOT_ALLOWED,
                    "Callbacks of this provider are not accepted from " + exchange.clientText() + ".");
        }
    }

    private void verify(String provider, String header, Buffer body) {
        List<String> secrets = senders.paymentSecrets(provider);
        if (secrets.isEmpty()) {
            LOG.errorf("No signing secret is configured for payment provider %s (sitesync.payment-secrets.%s)", provider,
                    provider);
            throw new Refusal(Decision.GATEWAY_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "Callbacks of this provider cannot be verified right now; retry later.");
        }
        PaymentSignature.Check check = new PaymentSignature(secrets, config.signatureWindow())
                .verify(header, body.getBytes(), Instant.now());
        if (!check.valid()) {
            throw new Refusal(Decision.INVALID_SIGNATURE, ProblemType.INVALID_SIGNATURE,
                    "The " + config.signatureHeader() + " of this callback is not valid: " + check.reason() + ".");
        }
    }
}
