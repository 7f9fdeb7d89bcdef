package dev.sitesync.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the gateway is told: the route table, who is trusted to forward addresses, where the site registry and
 * the workers are, body limits, replay window and rate limits. Every value can be set by environment variable
 * ({@code SITESYNC_GATEWAY_ROUTES_IDENTITIES_UPSTREAM}, ...). Webhook and payment secrets and payment providers'
 * ranges are not here: see {@code Senders}.
 */
@ConfigMapping(prefix = "sitesync.gateway")
public interface GatewayConfig {

    /** The API routes by name: a path prefix and where it goes. Webhooks and payment callbacks have routes of their own. */
    Map<String, ApiRoute> routes();

    /** Peers allowed to tell the client's address (X-Forwarded-For) and a request ID: the ingress or load balancer. */
    Optional<List<String>> trustedProxies();

    /** Which X-Forwarded-For entry, counted from the right, is the client when the peer is a trusted proxy. */
    @WithDefault("1")
    int forwardedHops();

    Sites sites();

    Workers workers();

    Webhooks webhooks();

    Payments payments();

    Clients clients();

    /** The operator console, when this gateway is its door ({@code SITESYNC_GATEWAY_CONSOLE_UPSTREAM} set). */
    Console console();

    Limits limits();

    Upstreams upstreams();

    /** One API route: a lowercase path prefix (segments; {@code {site}} captures a site code) and its upstream. */
    interface ApiRoute {

        /** e.g. {@code /api/v1/identities} or {@code /ops/v1/sites/{site}}. */
        String prefix();

        /** Base URL of the service; {@code {site}} is replaced by the captured site code. */
        String upstream();

        /** What replaces the prefix on the way to the upstream; the prefix itself when absent. */
        Optional<String> upstreamPrefix();

        /** A caller needs at least one of these roles; the upstream checks its own, finer rules too. */
        Set<String> roles();

        /**
         * How long the upstream may take to answer; {@code sitesync.gateway.upstreams.timeout} when not set. A route
         * to a service that bounds its own work (commerce-guard's order deadline) waits longer than that bound, so the
         * caller always gets the service's answer rather than the gateway's 503.
         */
        Optional<Duration> timeout();

        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        Set<String> methods();
    }

    /** The site registry (ownership-service), read with the gateway's own client-credentials token. */
    interface Sites {

        /** Base URL of ownership-service. */
        String url();

        /** How long a read of the registry is used before it is read again. */
        @WithDefault("30S")
        Duration refresh();

        /** How long the last good read still serves while the registry cannot be reached; after that, fail closed. */
        @WithDefault("5M")
        Duration maxStale();
    }

    /** Each site's sync-worker. */
    interface Workers {

        /** Base URL of a site's worker; {@code {site}} is replaced by the site code. */
        String url();

        /**
         * A site's worker where the template cannot name it (one host, a port per worker: the local stack), by site
         * code: {@code SITESYNC_GATEWAY_WORKERS_SITES_NORTH=http://127.0.0.1:8092}.
         */
        Map<String, String> sites();

        /** The base URL of the site's worker, without a trailing slash. */
        default String urlOf(String site) {
            return sites().getOrDefault(site, url().replace("{site}", site)).replaceAll("/+$", "");
        }
    }

    interface Webhooks {

        @WithDefault("1M")
        MemorySize maxBody();
    }

    interface Payments {

        /** Base URL of commerce-guard. */
        String upstream();

        /** Path on commerce-guard; {@code {provider}} is replaced by the provider in the callback path. */
        @WithDefault("/api/v1/payments/{provider}/callbacks")
        String upstreamPath();

        /** Providers whose callbacks are taken; any other answers 404. */
        Optional<Set<String>> providers();

        /** The provider's signature header: verified here, and forwarded as is, for commerce-guard verifies it too. */
        @WithDefault("X-Payment-Signature")
        String signatureHeader();

        /** How far a callback's signed timestamp may be from now. */
        @WithDefault("PT5M")
        Duration signatureWindow();

        @WithDefault("256K")
        MemorySize maxBody();
    }

    /** Service callers, by client ID (the token's {@code azp}, {@code client_id} or subject). */
    interface Clients {

        /** Source ranges allowed for a client not listed below. */
        @WithDefault("0.0.0.0/0,::/0")
        List<String> defaultCidrs();

        /** Source ranges per client: a listed client is refused from anywhere else. */
        Map<String, List<String>> cidrs();
    }

    /** Token buckets, shared by all replicas through PostgreSQL. */
    interface Limits {

        /** Per service caller (client ID), across all API routes. */
        Limit client();

        /** Per site, for its webhooks; and per payment provider for its callbacks. */
        Limit site();

        /**
         * Tokens a replica takes from a shared bucket at once and spends locally, so most requests draw without a
         * database round trip (never more than a tenth of a bucket's capacity, never fewer than one, so small limits
         * stay exact). Every token spent was taken from the shared bucket: the limit holds across replicas.
         */
        @WithDefault("100")
        int leaseSize();

        /** How long tokens taken and not yet spent stay spendable; the rest are dropped, never returned. */
        @WithDefault("1S")
        Duration leaseTtl();

        /** Overrides per client ID. */
        Map<String, Limit> clients();

        /** Overrides per site code. */
        Map<String, Limit> sites();

        /** Overrides per payment provider; a provider not listed has the per-site default. */
        Map<String, Limit> providers();
    }

    /** A bucket holding {@code capacity} requests, refilled by that many each {@code period}. */
    interface Limit {

        long capacity();

        @WithDefault("1S")
        Duration period();
    }

    /**
     * People's browsers on the operator console: the console signs them in itself (OIDC authorization code flow, its
     * session cookie), so the gateway checks no token here; it keeps the console to people's networks and a request
     * rate per address, and logs every request like any other.
     */
    interface Console {

        /**
         * The console service, e.g. {@code http://console:8086}, reached at {@code /console} and its scripts; without
         * it the gateway routes no console.
         */
        Optional<String> upstream();

        /** Source ranges people reach the console from; everywhere by default. */
        @WithDefault("0.0.0.0/0,::/0")
        List<String> cidrs();

        /** Requests per client address: a page with its assets and the overview's refresh are a few each. */
        @WithDefault("600")
        long capacity();

        @WithDefault("1M")
        Duration period();
    }

    interface Upstreams {

        @WithDefault("10S")
        Duration timeout();

        @WithDefault("2S")
        Duration connectTimeout();

        /** Largest API request body the gateway forwards. */
        @WithDefault("2M")
        MemorySize maxBody();
    }
}
