package dev.sitesync.ownership.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ownership-service settings, each overridable by environment variable. */
@ConfigMapping(prefix = "sitesync.ownership")
public interface OwnershipConfig {

    /**
     * The policy YAML read at start ({@code SITESYNC_OWNERSHIP_POLICY_FILE}; a mounted ConfigMap in Kubernetes). Applied
     * as a new revision when the database has none, or when the file changed since it was last applied.
     */
    Path policyFile();

    /**
     * The OIDC client of each site's worker, {@code {site}} standing for its code: only that client anchors the site's
     * sync log ({@code SITESYNC_OWNERSHIP_WORKER_CLIENT}).
     */
    @WithDefault("worker-{site}")
    String workerClient();
}
