package dev.sitesync.frappe.sim.site;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sitesync.frappe.sim.SimConfig;

/**
 * The sites this process serves, and which one a request is for: the {@code X-Frappe-Site-Name} header, else the
 * {@code Host} (without port), matched by site code or by the first label of the name ({@code north.localhost}).
 */
@ApplicationScoped
public class SiteRegistry {

    private final Set<String> sites = ConcurrentHashMap.newKeySet();
    private final Optional<String> defaultSite;

    public SiteRegistry(SimConfig config) {
        this.defaultSite = config.defaultSite();
    }

    public void add(String code) {
        sites.add(code);
    }

    public boolean contains(String code) {
        return sites.contains(code);
    }

    public Set<String> codes() {
        return Set.copyOf(sites);
    }

    public Optional<String> resolve(String siteHeader, String host) {
        Optional<String> named = match(siteHeader);
        if (named.isPresent()) {
            return named;
        }
        if (siteHeader != null && !siteHeader.isBlank()) {
            return Optional.empty();
        }
        String hostName = host == null ? null : host.replaceFirst(":\\d+$", "");
        return match(hostName).or(() -> defaultSite.filter(sites::contains));
    }

    private Optional<String> match(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (sites.contains(wanted)) {
            return Optional.of(wanted);
        }
        String firstLabel = wanted.split("\\.")[0];
        return sites.contains(firstLabel) && wanted.contains(".") ? Optional.of(firstLabel) : Optional.empty();
    }
}
