package dev.sitesync.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** identity-service settings, each overridable by environment variable. */
@ConfigMapping(prefix = "sitesync.identity")
public interface IdentityConfig {

    /**
     * The OIDC client of each site's worker, {@code {site}} standing for its code ({@code SITESYNC_IDENTITY_WORKER_CLIENT}):
     * a worker links documents only on its own site.
     */
    @WithDefault("worker-{site}")
    String workerClient();
}
