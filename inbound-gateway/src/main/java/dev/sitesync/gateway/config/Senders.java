package dev.sitesync.gateway.config;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.sitesync.gateway.domain.IpRanges;

/**
 * What the gateway knows of those who send it signed callbacks, looked up by name so adding a site or a provider needs
 * no change here. Secrets are lists, current first: during a rotation the previous one is still accepted, so senders
 * move to the new one without a gap. Never logged.
 * <ul>
 * <li>an ERPNext site's webhook secrets: {@code sitesync.webhook-secrets.<site>}, in Kubernetes
 * {@code SITESYNC_WEBHOOK_SECRETS_<SITE>} from the site's Secret ({@code north-1} is {@code ..._NORTH_1});</li>
 * <li>a payment provider's signing secrets: {@code sitesync.payment-secrets.<provider>}
 * ({@code SITESYNC_PAYMENT_SECRETS_<PROVIDER>});</li>
 * <li>where a provider's callbacks come from: {@code sitesync.payment-cidrs.<provider>}
 * ({@code SITESYNC_PAYMENT_CIDRS_<PROVIDER>}), anywhere when not set.</li>
 * </ul>
 */
@ApplicationScoped
public class Senders {

    static final String WEBHOOK_SECRETS = "sitesync.webhook-secrets.";
    static final String PAYMENT_SECRETS = "sitesync.payment-secrets.";
    static final String PAYMENT_CIDRS = "sitesync.payment-cidrs.";
    private static final IpRanges ANYWHERE = IpRanges.parse(List.of("0.0.0.0/0", "::/0"));

    private final Config config;

    public Senders(Config config) {
        this.config = config;
    }

    /** The site's webhook secrets, current first; empty when none is configured (its webhooks fail closed). */
    public List<String> webhookSecrets(String site) {
        return secrets(WEBHOOK_SECRETS + site);
    }

    /** The provider's signing secrets, current first; empty when none is configured (its callbacks fail closed). */
    public List<String> paymentSecrets(String provider) {
        return secrets(PAYMENT_SECRETS + provider);
    }

    /** Where the provider's callbacks may come from. */
    public IpRanges paymentRanges(String provider) {
        Optional<List<String>> cidrs = config.getOptionalValues(PAYMENT_CIDRS + provider, String.class);
        return cidrs.map(IpRanges::parse).orElse(ANYWHERE);
    }

    private List<String> secrets(String property) {
        return config.getOptionalValues(property, String.class).orElse(List.of()).stream()
                .filter(secret -> !secret.isBlank()).toList();
    }
}
