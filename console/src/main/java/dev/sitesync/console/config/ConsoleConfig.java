package dev.sitesync.console.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the console finds the services it shows, and how much history it keeps. Every value can be set by environment
 * variable ({@code SITESYNC_CONSOLE_SITES=central,north}, {@code SITESYNC_CONSOLE_WORKERS_SITES_NORTH=http://...}).
 * The console holds no credentials: each call carries the signed-in person's own token.
 */
@ConfigMapping(prefix = "sitesync.console")
public interface ConsoleConfig {

    /** The sites whose workers the console shows, in the order it shows them. */
    List<String> sites();

    Workers workers();

    /** Base URL of ownership-service (the policy and its revisions). */
    String ownershipUrl();

    /** Base URL of commerce-guard (the review queue). */
    String guardUrl();

    /** How long one call to a service may take before its part of a page says it is unavailable. */
    @WithDefault("5S")
    Duration callTimeout();

    History history();

    /** Each site's sync-worker. */
    interface Workers {

        /** Base URL of a site's worker; {@code {site}} is replaced by the site code. */
        @WithDefault("http://sync-worker-{site}:8080")
        String url();

        /** A site's worker where the template cannot name it (one host, a port per worker: the local stack). */
        Map<String, String> sites();

        /** The base URL of the site's worker, without a trailing slash. */
        default String urlOf(String site) {
            return sites().getOrDefault(site, url().replace("{site}", site)).replaceAll("/+$", "");
        }
    }

    /**
     * The overview's charts: each worker's public metrics are read every {@code interval} and kept for
     * {@code window}, in memory (a restart starts the charts again; Prometheus keeps the long history).
     */
    interface History {

        @WithDefault("15S")
        Duration interval();

        @WithDefault("6H")
        Duration window();
    }
}
