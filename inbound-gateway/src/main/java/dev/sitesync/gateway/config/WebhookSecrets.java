package dev.sitesync.gateway.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Each site's webhook secret, read by site code from {@code sitesync.webhook-secrets.<site>}: in Kubernetes the
 * variable {@code SITESYNC_WEBHOOK_SECRETS_<SITE>} from the site's Secret ({@code north-1} is {@code ..._NORTH_1}).
 * Looked up per site rather than listed, so adding a site needs no configuration change here. Never logged.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "sitesync.webhook-secrets.";

    private final Config config;

    public WebhookSecrets(Config config) {
        this.config = config;
    }

    public Optional<String> of(String site) {
        return config.getOptionalValue(PREFIX + site, String.class).filter(secret -> !secret.isBlank());
    }
}
