package dev.sitesync.gateway.peers;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the gateway at this JVM's {@link Peers}, with the webhook secrets, limits and scopes the tests rely on. */
public class PeersResource implements QuarkusTestResourceLifecycleManager {

    public static final String CENTRAL_SECRET = "s3cr3t-webhook-key";
    /** central's secret before the current one: still taken while the site's webhooks move to the new one. */
    public static final String CENTRAL_PREVIOUS_SECRET = "central-previous-webhook-key";
    public static final String PAYMENT_SECRET = "acme-current-secret";
    public static final String PAYMENT_PREVIOUS_SECRET = "acme-previous-secret";
    public static final String NORTH_SECRET = "north-webhook-key";
    public static final String OTHER_SECRET = "another-webhook-key";
    /** A source address inside 127.0.0.0/8 that the gateway treats as its ingress. */
    public static final String TRUSTED_PROXY = "127.0.0.2";

    @Override
    public Map<String, String> start() {
        Peers peers = Peers.shared();
        Map<String, String> config = new HashMap<>();
        config.put("sitesync.gateway.sites.url", peers.registry().url());
        config.put("sitesync.gateway.workers.url", peers.worker().url());
        config.put("sitesync.gateway.payments.upstream", peers.services().url());
        // acmepay calls from loopback; farpay only from elsewhere; slowpay may send two callbacks an hour; nosecretpay
        // has no secret configured
        config.put("sitesync.gateway.payments.providers", "acmepay,farpay,slowpay,nosecretpay");
        config.put("sitesync.payment-secrets.acmepay", PAYMENT_SECRET + "," + PAYMENT_PREVIOUS_SECRET);
        config.put("sitesync.payment-secrets.farpay", PAYMENT_SECRET);
        config.put("sitesync.payment-secrets.slowpay", PAYMENT_SECRET);
        config.put("sitesync.payment-cidrs.acmepay", "127.0.0.0/8");
        config.put("sitesync.payment-cidrs.farpay", "10.99.0.0/16");
        config.put("sitesync.gateway.limits.providers.slowpay.capacity", "2");
        config.put("sitesync.gateway.limits.providers.slowpay.period", "1H");
        config.put("sitesync.gateway.routes.identities.upstream", peers.services().url());
        // nothing listens on port 1: the service behind this route is down
        config.put("sitesync.gateway.routes.policy.upstream", "http://127.0.0.1:1");
        config.put("sitesync.gateway.trusted-proxies", TRUSTED_PROXY + "/32");
        // the console is for people on loopback here: anyone else, even through the trusted proxy, is refused
        config.put("sitesync.gateway.console.upstream", peers.services().url());
        config.put("sitesync.gateway.console.cidrs", "127.0.0.0/8");
        config.put("sitesync.webhook-secrets.central", CENTRAL_SECRET + "," + CENTRAL_PREVIOUS_SECRET);
        config.put("sitesync.webhook-secrets.north", NORTH_SECRET);
        config.put("sitesync.webhook-secrets.paused", OTHER_SECRET);
        config.put("sitesync.webhook-secrets.limited", OTHER_SECRET);
        config.put("sitesync.webhook-secrets.shared", OTHER_SECRET);
        config.put("sitesync.gateway.webhooks.max-body", "64K");
        config.put("sitesync.gateway.limits.sites.limited.capacity", "3");
        config.put("sitesync.gateway.limits.sites.limited.period", "1H");
        config.put("sitesync.gateway.limits.sites.shared.capacity", "4");
        config.put("sitesync.gateway.limits.sites.shared.period", "1H");
        config.put("sitesync.gateway.limits.clients.burst-client.capacity", "2");
        config.put("sitesync.gateway.limits.clients.burst-client.period", "1H");
        config.put("sitesync.gateway.clients.cidrs.scoped-client", "10.9.0.0/16");
        config.put("quarkus.oidc-client.client-id", Peers.GATEWAY_CLIENT);
        config.put("quarkus.oidc-client.credentials.secret", Peers.GATEWAY_SECRET);
        config.put("quarkus.oidc-client.credentials.client-secret.method", "post");
        config.put("quarkus.oidc-client.token-path", peers.registry().url() + Peers.TOKEN_PATH);
        // every unknown key ID reads the JWKS again, so each test sees the JWKS as it set it
        config.put("quarkus.oidc.token.forced-jwk-refresh-interval", "0S");
        return config;
    }

    @Override
    public void stop() {
        // the peers serve every test of this JVM and stop with it
    }
}
