package dev.sitesync.support.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Logging options shared by every service. */
@ConfigMapping(prefix = "sitesync.log")
public interface LogConfig {

    /** One JSON object per console line ({@code SITESYNC_LOG_JSON=true}), for log shippers. */
    @WithDefault("false")
    boolean json();
}
